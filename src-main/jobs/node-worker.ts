import { Worker } from 'node:worker_threads';
import type { WorkerFactory } from './job-host';

/**
 * The engine worker under plain Node (CLI, web server, tests): a small JS bootstrap registers tsx and loads the
 * TypeScript entry, since Node 20 doesn't apply the parent's loader to a worker's entry file.
 */
export const createNodeEngineWorker: WorkerFactory = () => {
  const worker = new Worker(new URL('./engine-worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./engine-worker.ts', import.meta.url).href },
    stdout: true,
  });
  // Anything a library prints in the worker goes to stderr, so `--json` keeps stdout for events only.
  worker.stdout.pipe(process.stderr);
  return worker;
};
