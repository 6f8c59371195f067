import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { difference, parity, runOn, seededValues, wasmCountsAround } from './parity-helpers';

const TOLERANCE = 1e-4;
type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

interface Case {
  batch: number;
  size: number;
  kernel: number;
  stride: number;
  pad: Pad;
  inChannels: number;
  outChannels: number;
  rounding?: 'floor' | 'round' | 'ceil';
}

function outputShape(c: Case): [number, number, number, number] {
  const info = tf.backend_util.computeConv2DInfo(
    [c.batch, c.size, c.size, c.inChannels],
    [c.kernel, c.kernel, c.inChannels, c.outChannels],
    c.stride,
    1,
    c.pad,
    c.rounding,
  );
  return info.outShape;
}

/** d/dW of sum(conv2d(x, W) * probe): the probe makes every output position count differently. */
function filterGradient(c: Case): () => tf.Tensor {
  const xShape = [c.batch, c.size, c.size, c.inChannels] as const;
  const wShape = [c.kernel, c.kernel, c.inChannels, c.outChannels] as const;
  const outShape = outputShape(c);
  return () => {
    const x = tf.tensor4d(
      seededValues(
        xShape.reduce((a, b) => a * b),
        1,
      ),
      [...xShape],
    );
    const w = tf.tensor4d(
      seededValues(
        wShape.reduce((a, b) => a * b),
        2,
      ),
      [...wShape],
    );
    const probe = tf.tensor4d(
      seededValues(
        outShape.reduce((a, b) => a * b),
        3,
      ),
      outShape,
    );
    return tf.grad((filter: tf.Tensor) =>
      tf
        .conv2d(x, filter as tf.Tensor4D, c.stride, c.pad, 'NHWC', 1, c.rounding)
        .mul(probe)
        .sum(),
    )(w);
  };
}

function grid(size: number): Case[] {
  const cases: Case[] = [];
  for (const kernel of [1, 3, 4, 5])
    for (const stride of [1, 2])
      for (const pad of ['same', 'valid'] as const)
        for (const batch of [1, 3])
          for (const [inChannels, outChannels] of [
            [1, 3],
            [3, 8],
            [8, 1],
          ] as const) {
            if (pad === 'valid' && kernel > size) continue;
            cases.push({ batch, size, kernel, stride, pad, inChannels, outChannels });
          }
  return cases;
}

async function failures(cases: Case[]): Promise<string[]> {
  const failed: string[] = [];
  for (const c of cases) {
    const diff = await parity(filterGradient(c));
    if (!(diff.relative <= TOLERANCE)) failed.push(`${JSON.stringify(c)}: relative error ${diff.relative}`);
  }
  return failed;
}

beforeAll(async () => {
  await initBackend({ forced: 'wasm' });
});

describe('Conv2DBackpropFilter on wasm matches the cpu backend', () => {
  it.each([7, 8, 9, 16])(
    'over strides, paddings, kernels, batches and channels for %i-pixel inputs',
    async (size) => {
      expect(await failures(grid(size))).toEqual([]);
    },
  );

  it('with explicit padding', async () => {
    const base = { batch: 2, inChannels: 3, outChannels: 4, stride: 2 };
    const cases: Case[] = [
      {
        ...base,
        size: 9,
        kernel: 3,
        pad: [
          [0, 0],
          [1, 2],
          [2, 0],
          [0, 0],
        ],
      },
      {
        ...base,
        size: 8,
        kernel: 4,
        pad: [
          [0, 0],
          [0, 3],
          [3, 0],
          [0, 0],
        ],
      },
    ];
    expect(await failures(cases)).toEqual([]);
  });

  // tf.conv2d's gradient drops dimRoundingMode, so these call the kernel itself, with dy sized as rounded.
  it.each(['floor', 'round', 'ceil'] as const)(
    'with a numeric pad and dimRoundingMode %s',
    async (rounding) => {
      const c: Case = {
        batch: 2,
        size: 8,
        kernel: 3,
        stride: 2,
        pad: 1,
        inChannels: 3,
        outChannels: 4,
        rounding,
      };
      const dyShape = outputShape(c);
      const x = seededValues(2 * 8 * 8 * 3, 9);
      const dy = seededValues(
        dyShape.reduce((a, b) => a * b),
        10,
      );
      const kernelGradient = () =>
        tf.engine().runKernel(
          'Conv2DBackpropFilter',
          { x: tf.tensor4d(x, [2, 8, 8, 3]), dy: tf.tensor4d(dy, dyShape) },
          {
            strides: [2, 2],
            pad: 1,
            dataFormat: 'NHWC',
            dimRoundingMode: rounding,
            filterShape: [3, 3, 3, 4],
          },
        ) as tf.Tensor;
      const diff = await parity(kernelGradient);
      expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);

      // Through tf.grad the rounding is lost on the way down; sizing by dy still gives the true gradient on wasm.
      const reference = await runOn('cpu', kernelGradient);
      const viaGrad = await runOn('wasm', () => {
        const probe = tf.tensor4d(dy, dyShape);
        const w = tf.tensor4d(seededValues(3 * 3 * 3 * 4, 11), [3, 3, 3, 4]);
        const input = tf.tensor4d(x, [2, 8, 8, 3]);
        return tf.grad((f: tf.Tensor) =>
          tf
            .conv2d(input, f as tf.Tensor4D, 2, 1, 'NHWC', 1, rounding)
            .mul(probe)
            .sum(),
        )(w);
      });
      expect(difference(reference, viaGrad).relative).toBeLessThanOrEqual(TOLERANCE);
    },
  );

  it('for the filter of a transposed conv (the generator side), DCGAN sizes and odd ones', async () => {
    const failed: string[] = [];
    for (const [size, kernel, pad] of [
      [4, 4, 'same'],
      [8, 4, 'same'],
      [7, 3, 'same'],
      [5, 5, 'valid'],
    ] as const) {
      const outSize = pad === 'same' ? size * 2 : (size - 1) * 2 + kernel;
      const diff = await parity(() => {
        const x = tf.tensor4d(seededValues(3 * size * size * 8, 4), [3, size, size, 8]);
        const w = tf.tensor4d(seededValues(kernel * kernel * 3 * 8, 5), [kernel, kernel, 3, 8]);
        const probe = tf.tensor4d(seededValues(3 * outSize * outSize * 3, 6), [3, outSize, outSize, 3]);
        return tf.grad((filter: tf.Tensor) =>
          tf
            .conv2dTranspose(x, filter as tf.Tensor4D, [3, outSize, outSize, 3], 2, pad)
            .mul(probe)
            .sum(),
        )(w);
      });
      if (!(diff.relative <= TOLERANCE)) failed.push(`${size}/${kernel}/${pad}: ${diff.relative}`);
    }
    expect(failed).toEqual([]);
  });

  it('for NCHW inputs, called as a kernel (wasm has no NCHW forward conv to take tf.grad of)', async () => {
    const x = seededValues(2 * 3 * 9 * 9, 7);
    const dy = seededValues(2 * 4 * 5 * 5, 8);
    const diff = await parity(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x: tf.tensor4d(x, [2, 3, 9, 9]), dy: tf.tensor4d(dy, [2, 4, 5, 5]) },
            { strides: [2, 2], pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] },
          ) as tf.Tensor,
    );
    expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);
  });

  // 8 pixels, 'valid', stride 2: the last row is never read, so the kernel also makes (and must free) a crop.
  it('leaves no tensors or wasm buffers behind when run repeatedly', async () => {
    const gradient = filterGradient({
      batch: 3,
      size: 8,
      kernel: 3,
      stride: 2,
      pad: 'valid',
      inChannels: 3,
      outChannels: 8,
    });
    const { before, after } = await wasmCountsAround(gradient);
    expect(after).toEqual(before);
  });
});
