/**
 * How many threads the wasm backend computes with when nobody says. Every core, up to 4: XNNPACK splits each
 * conv and matmul over the threads, and at DCGAN sizes (batch 64, 32-64 px) the per-kernel work is too small to
 * keep more than a few threads busy (measured: 2 threads on 2 cores, docs/performance.md). Four is also where
 * tfjs-backend-wasm itself capped its pool for years. GAN_STUDIO_THREADS overrides it; 1 turns threads off.
 */
import os from 'node:os';

export const THREADS_ENV_VAR = 'GAN_STUDIO_THREADS';
const MAX_DEFAULT_THREADS = 4;
/** The threaded build prestarts 8 workers and its pool takes at most that many threads. */
export const MAX_WASM_THREADS = 8;

export function defaultWasmThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[THREADS_ENV_VAR]?.trim();
  if (raw) {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > MAX_WASM_THREADS) {
      throw new Error(`${THREADS_ENV_VAR} must be an integer from 1 to ${MAX_WASM_THREADS} (got "${raw}").`);
    }
    return value;
  }
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, os.availableParallelism()));
}
