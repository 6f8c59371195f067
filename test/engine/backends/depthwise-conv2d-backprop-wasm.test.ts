import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { parity, seededValues, wasmCountsAround } from './parity-helpers';

const TOLERANCE = 1e-4;

interface Case {
  batch: number;
  size: number;
  kernel: number;
  stride: number;
  pad: 'same' | 'valid';
  channels: number;
  multiplier: number;
}

/** Gradients of sum(depthwiseConv2d(x, W) * probe) with respect to x and to W, concatenated. */
function depthwiseGradients(c: Case): () => tf.Tensor {
  const xShape: [number, number, number, number] = [c.batch, c.size, c.size, c.channels];
  const wShape: [number, number, number, number] = [c.kernel, c.kernel, c.channels, c.multiplier];
  const outShape = tf.backend_util.computeConv2DInfo(
    xShape,
    wShape,
    c.stride,
    1,
    c.pad,
    undefined,
    true,
  ).outShape;
  return () => {
    const x = tf.tensor4d(
      seededValues(
        xShape.reduce((a, b) => a * b),
        41,
      ),
      xShape,
    );
    const w = tf.tensor4d(
      seededValues(
        wShape.reduce((a, b) => a * b),
        42,
      ),
      wShape,
    );
    const probe = tf.tensor4d(
      seededValues(
        outShape.reduce((a, b) => a * b),
        43,
      ),
      outShape,
    );
    const [dx, dw] = tf.grads((input: tf.Tensor, filter: tf.Tensor) =>
      tf
        .depthwiseConv2d(input as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad)
        .mul(probe)
        .sum(),
    )([x, w]);
    return tf.concat([dx!.flatten(), dw!.flatten()]);
  };
}

beforeAll(async () => {
  await initBackend({ forced: 'wasm' });
});

describe('DepthwiseConv2dNativeBackpropInput and ...BackpropFilter on wasm match the cpu backend', () => {
  it.each([7, 8, 9, 16])(
    'over kernels, strides, paddings, batches, channels and multipliers for %i-pixel inputs',
    async (size) => {
      const failed: string[] = [];
      for (const kernel of [1, 3, 4, 5])
        for (const stride of [1, 2])
          for (const pad of ['same', 'valid'] as const)
            for (const [batch, channels, multiplier] of [
              [1, 1, 1],
              [3, 3, 2],
              [1, 8, 1],
            ] as const) {
              if (pad === 'valid' && kernel > size) continue;
              const c = { batch, size, kernel, stride, pad, channels, multiplier };
              const diff = await parity(depthwiseGradients(c));
              if (!(diff.relative <= TOLERANCE)) failed.push(`${JSON.stringify(c)}: ${diff.relative}`);
            }
      expect(failed).toEqual([]);
    },
  );

  it('trains a separable conv (depthwise then pointwise) the same way', async () => {
    const diff = await parity(() => {
      const x = tf.tensor4d(seededValues(2 * 9 * 9 * 3, 44), [2, 9, 9, 3]);
      const depth = tf.tensor4d(seededValues(3 * 3 * 3 * 2, 45), [3, 3, 3, 2]);
      const point = tf.tensor4d(seededValues(6 * 4, 46), [1, 1, 6, 4]);
      const grads = tf.grads((d: tf.Tensor, p: tf.Tensor) =>
        tf
          .separableConv2d(x, d as tf.Tensor4D, p as tf.Tensor4D, 2, 'same')
          .square()
          .sum(),
      )([depth, point]);
      return tf.concat(grads.map((g) => g.flatten()));
    });
    expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    const gradients = depthwiseGradients({
      batch: 3,
      size: 8,
      kernel: 3,
      stride: 2,
      pad: 'valid',
      channels: 3,
      multiplier: 2,
    });
    const { before, after } = await wasmCountsAround(gradients);
    expect(after).toEqual(before);
  });
});
