import workerThreads from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { loadWasmBackend } from '../../../src-main/engine/backends/load-wasm-backend';

describe('loadWasmBackend', () => {
  it('ends the threaded start and runs on one thread, saying why, when that start does not finish in time', async () => {
    // The real threaded start, given 1 ms: its pthread workers can't all load that fast, so it is given up on
    // exactly as a start that hangs would be (tfjs already names 'wasm' current while it waits).
    const terminate = vi.spyOn(workerThreads.Worker.prototype, 'terminate');
    const load = await loadWasmBackend(2, 1);
    expect(load).toMatchObject({
      ok: true,
      threads: 1,
      threadsNote: 'the threaded build did not start within 0.001 s',
    });
    // The build prestarts 8 pthread workers; none is left running to keep the process alive.
    expect(terminate).toHaveBeenCalledTimes(8);
    expect(tf.getBackend()).toBe('wasm');
    const sum = tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
  });
});
