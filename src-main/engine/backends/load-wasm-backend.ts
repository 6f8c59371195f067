/**
 * Starting tfjs-backend-wasm with the kernels it lacks for training registered first, on as many threads as
 * asked (see wasm-threads.ts for how threads work under Node.js at all).
 */
import * as tf from '@tensorflow/tfjs';
import type * as WasmBackend from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './register-wasm-kernels';
import { beginThreadedStart, settleThreadPool, threadsUnavailable } from './wasm-threads';

export type WasmLoad =
  | {
      ok: true;
      version: string;
      threads: number;
      simd: boolean;
      kernelsAdded: string[];
      /** Why fewer threads than asked run, when that is so. */
      threadsNote?: string;
    }
  | { ok: false; reason: string };

/**
 * The emscripten runtime inside tfjs-backend-wasm installs process-wide uncaughtException and unhandledRejection
 * listeners that rethrow, and never removes them. They would take the decision away from the host (the CLI, the
 * worker, the app) about what an unrelated error does, so we remove exactly the listeners that appeared.
 */
async function withoutNewProcessHooks<T>(run: () => Promise<T>): Promise<T> {
  const exceptionHooks = process.listeners('uncaughtException');
  const rejectionHooks = process.listeners('unhandledRejection');
  try {
    return await run();
  } finally {
    for (const hook of process.listeners('uncaughtException')) {
      if (!exceptionHooks.includes(hook)) process.removeListener('uncaughtException', hook);
    }
    for (const hook of process.listeners('unhandledRejection')) {
      if (!rejectionHooks.includes(hook)) process.removeListener('unhandledRejection', hook);
    }
  }
}

/**
 * A threaded start takes about a second. One that has not finished long after that never will (a pthread worker
 * that fails to load leaves Emscripten waiting for it), so its workers are ended and the single-threaded build
 * is started instead.
 */
export const THREADED_START_LIMIT_MS = 30_000;

/** `pending` settled, or 'timed out' after `ms`, without keeping the process alive for the timer. */
async function settleWithin<T>(pending: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
    timer.unref();
  });
  try {
    return await Promise.race([pending, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the threaded build; on failure, says why, and the caller starts the single-threaded one. */
async function startThreaded(
  wasm: typeof WasmBackend,
  threads: number,
  limitMs: number,
): Promise<string | undefined> {
  const unavailable = threadsUnavailable(wasm.version_wasm);
  if (unavailable) return unavailable;
  let start;
  try {
    start = beginThreadedStart(threads, wasm.setThreadsCount);
  } catch (error) {
    return `the threaded build could not be prepared: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const started = await settleWithin(tf.setBackend('wasm'), limitMs);
    if (started !== true) start.abandon();
    if (started === 'timed out') return `the threaded build did not start within ${limitMs / 1000} s`;
    if (!started) return 'the threaded build failed to start';
  } finally {
    start.restore();
  }
  settleThreadPool(tf.backend());
  return undefined;
}

/** Imports the wasm backend, registers our kernels, and switches tfjs to it with `threads` threads. */
export async function loadWasmBackend(
  threads = 1,
  threadedStartLimitMs = THREADED_START_LIMIT_MS,
): Promise<WasmLoad> {
  try {
    return await withoutNewProcessHooks(async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const kernelsAdded = registerWasmTrainingKernels();
      const threadsNote = threads > 1 ? await startThreaded(wasm, threads, threadedStartLimitMs) : undefined;
      if (threadsNote !== undefined) {
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        wasm.setThreadsCount(1);
      }
      // tfjs names a backend current as soon as its start begins, so ask whether the threaded one really started.
      const threadedStarted = threads > 1 && threadsNote === undefined;
      if (!threadedStarted && !(await tf.setBackend('wasm'))) {
        return {
          ok: false as const,
          reason: 'the WebAssembly module failed to initialize (see the warning above)',
        };
      }
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      return {
        ok: true as const,
        version: wasm.version_wasm,
        threads: wasm.getThreadsCount(),
        simd,
        kernelsAdded,
        ...(threadsNote === undefined ? {} : { threadsNote }),
      };
    });
  } catch (error) {
    return {
      ok: false,
      reason: `tfjs-backend-wasm failed to load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
