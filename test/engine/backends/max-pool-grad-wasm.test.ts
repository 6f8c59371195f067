import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { parity, runOn, seededValues, wasmCountsAround } from './parity-helpers';

const TOLERANCE = 1e-4;

interface Case {
  batch: number;
  size: number;
  pool: number;
  stride: number;
  pad: 'same' | 'valid';
  channels: number;
}

function poolGradient(c: Case, shift = 0): () => tf.Tensor {
  const xShape: [number, number, number, number] = [c.batch, c.size, c.size, c.channels];
  const outShape = tf.backend_util.computePool2DInfo(xShape, c.pool, c.stride, 1, c.pad).outShape;
  return () => {
    const x = tf
      .tensor4d(
        seededValues(
          xShape.reduce((a, b) => a * b),
          21,
        ),
        xShape,
      )
      .add(shift) as tf.Tensor4D;
    const probe = tf.tensor4d(
      seededValues(
        outShape.reduce((a, b) => a * b),
        22,
      ),
      outShape,
    );
    return tf.grad((input: tf.Tensor) =>
      tf
        .maxPool(input as tf.Tensor4D, c.pool, c.stride, c.pad)
        .mul(probe)
        .sum(),
    )(x);
  };
}

beforeAll(async () => {
  await initBackend({ forced: 'wasm' });
});

describe('MaxPoolGrad on wasm (ours, replacing a broken one) matches the cpu backend', () => {
  it.each([7, 8, 9, 16])(
    'over pool sizes, strides, paddings, batches and channels for %i-pixel inputs',
    async (size) => {
      const failed: string[] = [];
      for (const pool of [1, 2, 3, 4, 5])
        for (const stride of [1, 2])
          for (const pad of ['same', 'valid'] as const)
            for (const batch of [1, 3])
              for (const channels of [1, 3, 8]) {
                if (pad === 'valid' && pool > size) continue;
                const c = { batch, size, pool, stride, pad, channels };
                const diff = await parity(poolGradient(c));
                if (!(diff.relative <= TOLERANCE)) failed.push(`${JSON.stringify(c)}: ${diff.relative}`);
              }
      expect(failed).toEqual([]);
    },
  );

  // Where wasm 4.22's own kernel went wrong: it seeded the max with the smallest positive float.
  it('when every input in a window is negative', async () => {
    const c: Case = { batch: 2, size: 8, pool: 2, stride: 2, pad: 'valid', channels: 3 };
    const diff = await parity(poolGradient(c, -2));
    expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);
    const gradient = await runOn('wasm', poolGradient(c, -2));
    // Exactly one input per 2x2 window receives its window's gradient.
    expect(gradient.filter((v) => v !== 0).length).toBe(2 * 4 * 4 * 3);
  });

  it('sends a tied window to its first maximum, as TensorFlow does', async () => {
    const gradient = await runOn('wasm', () => {
      const x = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
      return tf.grad((input: tf.Tensor) => tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid').sum())(x);
    });
    expect(Array.from(gradient)).toEqual([1, 0, 0, 0]);
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    const gradient = poolGradient({ batch: 3, size: 9, pool: 3, stride: 2, pad: 'same', channels: 8 });
    const { before, after } = await wasmCountsAround(gradient);
    expect(after).toEqual(before);
  });
});
