import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadWasmBackend } from '../../../src-main/engine/backends/load-wasm-backend';

afterEach(() => vi.restoreAllMocks());

describe('loadWasmBackend', () => {
  it('starts on one thread, saying why, when the threaded start never finishes', async () => {
    // The threaded start hangs (as a pthread worker that fails to load would leave it); later calls are real.
    const setBackend = vi
      .spyOn(tf.engine(), 'setBackend')
      .mockImplementationOnce(() => new Promise<boolean>(() => {}));
    const load = await loadWasmBackend(2, 200);
    expect(load).toMatchObject({
      ok: true,
      threads: 1,
      threadsNote: 'the threaded build did not start within 0.2 s',
    });
    expect(setBackend).toHaveBeenCalledTimes(2);
    expect(tf.getBackend()).toBe('wasm');
    const sum = tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
  });
});
