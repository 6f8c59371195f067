/**
 * Starting tfjs-backend-wasm with the kernels it lacks for training registered first.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './register-wasm-kernels';

export type WasmLoad =
  | { ok: true; version: string; threads: number; simd: boolean; kernelsAdded: string[] }
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

/** Imports the wasm backend, registers our kernels, and switches tfjs to it. */
export async function loadWasmBackend(): Promise<WasmLoad> {
  try {
    return await withoutNewProcessHooks(async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const kernelsAdded = registerWasmTrainingKernels();
      if (!(await tf.setBackend('wasm'))) {
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
      };
    });
  } catch (error) {
    return {
      ok: false,
      reason: `tfjs-backend-wasm failed to load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
