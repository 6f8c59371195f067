import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { parity, runOn, seededValues, wasmCountsAround } from './parity-helpers';

beforeAll(async () => {
  await initBackend({ forced: 'wasm' });
});

describe('UnsortedSegmentSum on wasm', () => {
  it.each([
    { rows: 5, inner: [3], segments: 4 },
    { rows: 7, inner: [2, 4], segments: 3 },
    { rows: 1, inner: [8], segments: 1 },
  ])(
    'matches the cpu backend for $rows rows of $inner into $segments segments',
    async ({ rows, inner, segments }) => {
      const size = rows * inner.reduce((a, b) => a * b, 1);
      const ids = Array.from({ length: rows }, (_, i) => (i * 5 + 1) % segments);
      const diff = await parity(() =>
        tf.unsortedSegmentSum(
          tf.tensor(seededValues(size, 31), [rows, ...inner]),
          tf.tensor1d(ids, 'int32'),
          segments,
        ),
      );
      expect(diff.maxAbs).toBeLessThanOrEqual(1e-6);
    },
  );

  it('drops ids outside [0, numSegments), as TensorFlow does', async () => {
    const sums = await runOn('wasm', () =>
      tf.unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), tf.tensor1d([1, -1, 7], 'int32'), 2),
    );
    expect(Array.from(sums)).toEqual([0, 0, 1, 2]);
  });

  it('sums int32 values as int32', async () => {
    await tf.setBackend('wasm');
    const sums = tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([0, 0, 1], 'int32'), 2);
    expect(sums.dtype).toBe('int32');
    expect(Array.from(await sums.data())).toEqual([3, 3]);
    sums.dispose();
  });

  // tf.gather's gradient is an UnsortedSegmentSum: this is what a label embedding needs to train.
  it('makes the gradient of tf.gather (a label embedding) match the cpu backend, without leaks', async () => {
    const gatherGradient = () => {
      const table = tf.tensor2d(seededValues(10 * 6, 32), [10, 6]);
      const labels = tf.tensor1d([3, 3, 0, 9, 3, 1], 'int32');
      const probe = tf.tensor2d(seededValues(6 * 6, 33), [6, 6]);
      return tf.grad((t: tf.Tensor) => tf.gather(t, labels).mul(probe).sum())(table);
    };
    const diff = await parity(gatherGradient);
    expect(diff.maxAbs).toBeLessThanOrEqual(1e-6);

    const { before, after } = await wasmCountsAround(gatherGradient);
    expect(after).toEqual(before);
  });
});
