/**
 * Running tfjs-backend-wasm's threaded SIMD build (XNNPACK over a pthreadpool) under Node.js. tfjs 4.22 turns
 * threads off there (its WASM_HAS_MULTITHREAD_SUPPORT flag is false whenever IS_NODE, tfjs issue 3830), for
 * reasons that are all about loading, none about computing. What stands in the way, and what we do, only for
 * the few hundred milliseconds the backend takes to start:
 * - tfjs hands Emscripten the pthread workers' script as a blob: URL, which Node's Worker can't load:
 *   URL.createObjectURL returns a real file holding the same script instead;
 * - each worker then imports the Emscripten module from a Blob of the factory function's source, through
 *   importScripts, which in Node reads a file: that source goes into a file too, preceded by the names of
 *   the tfjs bundle it refers to (require$$0 ... and commonjsGlobal), and the worker's own
 *   URL.createObjectURL is made to return that file;
 * - the backend sizes its pool as min(threads asked, logical cores / 2), assuming two hyperthreads a core,
 *   which would leave a 2-core machine with one: os.cpus() lists every core twice while it starts;
 * - pthreads would keep the process alive: the running ones are unref'd, and the prestarted workers no
 *   thread took (the build prestarts 8) are ended;
 * - Emscripten asks for the worker script once per worker (8 at once): it is written once, so no worker ever
 *   reads it half-written (one that read it empty never reported back, and the start hung);
 * - the workers started are recorded, so a start that is given up on can end them.
 * Splitting a kernel over threads changes which thread computes an output, not how: XNNPACK's microkernels sum
 * each output in the same order either way, so results are bit-identical to one thread (test/engine proves it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import workerThreads from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';

/** The tfjs-backend-wasm release whose bundle layout this was written against. */
const KNOWN_VERSION = '4.22.0';
const FACTORY_SCRIPT_START = 'var WasmBackendModuleThreadedSimd';
/** The modules behind the tfjs bundle's own names for its imports, as its factory source refers to them. */
const BUNDLE_NAMES: Record<string, string> = {
  require$$0: "require('fs')",
  require$$1: "require('path')",
  require$$3: "require('perf_hooks')",
  require$$4: "require('os')",
  commonjsGlobal: 'globalThis',
};

/** Why threads can't be used here, or undefined when they can be tried. */
export function threadsUnavailable(wasmVersion: string): string | undefined {
  if (wasmVersion !== KNOWN_VERSION) {
    return `threads are enabled for tfjs-backend-wasm ${KNOWN_VERSION} only (this is ${wasmVersion})`;
  }
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is not available';
  return undefined;
}

/** The Emscripten factory as a script a pthread worker can evaluate at global scope. */
function factoryScript(source: string): string {
  const used = new Set(source.match(/\brequire\$\$\d+\b/g) ?? []);
  const unknown = [...used].filter((name) => !(name in BUNDLE_NAMES));
  if (unknown.length > 0) throw new Error(`the wasm factory refers to unknown names ${unknown.join(', ')}`);
  const preamble = Object.entries(BUNDLE_NAMES).map(([name, value]) => `var ${name} = ${value};`);
  return `${preamble.join(' ')}\n${source}`;
}

export interface ThreadedStart {
  /** Puts back everything patched for the start and removes the scripts written for it. */
  restore(): void;
  /** Ends every pthread worker this start created, for a start that is given up on. */
  abandon(): void;
}

/**
 * Patches what the threaded build needs to start under Node; call restore() once tf.setBackend('wasm') settled.
 * `setThreadsCount` is the backend's own (it must be called before the backend starts).
 */
export function beginThreadedStart(threads: number, setThreadsCount: (n: number) => void): ThreadedStart {
  // The scripts are needed only while the workers load: the start settles once all of them have, and a start
  // given up on ends them. So the folder goes with restore(), or with the process if it exits mid-start.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-studio-wasm-threads-'));
  const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
  process.once('exit', removeFolder);
  const factoryPath = path.join(folder, 'wasm-module.js');
  const RealBlob = globalThis.Blob;
  const texts = new WeakMap<Blob, string>();
  let factoryError: Error | undefined;

  type BlobParts = ConstructorParameters<typeof Blob>[0];
  class RecordingBlob extends RealBlob {
    constructor(parts: BlobParts = [], options?: ConstructorParameters<typeof Blob>[1]) {
      super(parts, options);
      const text = [...parts].map((part) => (typeof part === 'string' ? part : '')).join('');
      texts.set(this, text);
      if (!text.startsWith(FACTORY_SCRIPT_START)) return;
      try {
        fs.writeFileSync(factoryPath, factoryScript(text));
      } catch (error) {
        factoryError = error instanceof Error ? error : new Error(String(error));
      }
    }
  }
  const realCreateObjectURL = URL.createObjectURL.bind(URL);
  const workerScripts = new Map<string, string>();
  const createObjectURL = (blob: Blob): string => {
    const text = texts.get(blob);
    if (text === undefined) return realCreateObjectURL(blob);
    if (factoryError) throw factoryError;
    // The worker script, which needs the factory's file where it would have made a blob: URL of it.
    const written = workerScripts.get(text);
    if (written) return written;
    const workerPath = path.join(folder, `pthread-worker-${workerScripts.size}.js`);
    const redirect = `URL.createObjectURL = () => ${JSON.stringify(factoryPath)}; URL.revokeObjectURL = () => {};`;
    fs.writeFileSync(workerPath, `${redirect}\n${text}`);
    workerScripts.set(text, workerPath);
    return workerPath;
  };
  const realCpus = os.cpus;
  const RealWorker = workerThreads.Worker;
  const workers: InstanceType<typeof RealWorker>[] = [];
  class RecordedWorker extends RealWorker {
    constructor(...args: ConstructorParameters<typeof RealWorker>) {
      super(...args);
      workers.push(this);
    }
  }

  globalThis.Blob = RecordingBlob;
  URL.createObjectURL = createObjectURL;
  workerThreads.Worker = RecordedWorker;
  os.cpus = () => {
    const cpus = realCpus();
    return [...cpus, ...cpus];
  };
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  return {
    restore() {
      globalThis.Blob = RealBlob;
      URL.createObjectURL = realCreateObjectURL;
      os.cpus = realCpus;
      workerThreads.Worker = RealWorker;
      process.removeListener('exit', removeFolder);
      removeFolder();
    },
    abandon() {
      for (const worker of workers.splice(0)) void worker.terminate();
    },
  };
}

interface PThreadWorker {
  unref(): void;
  terminate(): unknown;
}
interface EmscriptenPThreads {
  runningWorkers: PThreadWorker[];
  unusedWorkers: PThreadWorker[];
}

/** Lets the process exit with the pool's threads waiting for work, and ends the workers nothing uses. */
export function settleThreadPool(backend: unknown): void {
  const pthreads = (backend as { wasm?: { PThread?: EmscriptenPThreads } }).wasm?.PThread;
  if (!pthreads) return;
  for (const worker of pthreads.runningWorkers) worker.unref();
  for (const worker of pthreads.unusedWorkers.splice(0)) void worker.terminate();
}
