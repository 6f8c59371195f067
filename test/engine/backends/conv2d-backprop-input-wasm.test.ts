import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { parity, seededValues, wasmCountsAround } from './parity-helpers';

const TOLERANCE = 1e-4;
type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

interface Case {
  batch: number;
  size: number;
  kernel: number;
  stride: number | [number, number];
  pad: Pad;
  inChannels: number;
  outChannels: number;
}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** d/dx of sum(conv2d(x, W) * probe): the conv's input gradient, which is Conv2DBackpropInput. */
function inputGradient(c: Case): () => tf.Tensor {
  const xShape: [number, number, number, number] = [c.batch, c.size, c.size, c.inChannels];
  const wShape: [number, number, number, number] = [c.kernel, c.kernel, c.inChannels, c.outChannels];
  const outShape = tf.backend_util.computeConv2DInfo(xShape, wShape, c.stride, 1, c.pad).outShape;
  return () => {
    const x = tf.tensor4d(seededValues(count(xShape), 71), xShape);
    const w = tf.tensor4d(seededValues(count(wShape), 72), wShape);
    const probe = tf.tensor4d(seededValues(count(outShape), 73), outShape);
    return tf.grad((input: tf.Tensor) =>
      tf
        .conv2d(input as tf.Tensor4D, w, c.stride, c.pad)
        .mul(probe)
        .sum(),
    )(x);
  };
}

async function failures(cases: Case[]): Promise<string[]> {
  const failed: string[] = [];
  for (const c of cases) {
    const diff = await parity(inputGradient(c));
    if (!(diff.relative <= TOLERANCE)) failed.push(`${JSON.stringify(c)}: relative error ${diff.relative}`);
  }
  return failed;
}

beforeAll(async () => {
  await initBackend({ forced: 'wasm' });
});

describe('Conv2DBackpropInput on wasm (ours, by phases) matches the cpu backend', () => {
  it.each([7, 8, 9, 16])(
    'over strides, paddings, kernels, batches and channels for %i-pixel inputs',
    async (size) => {
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
      expect(await failures(cases)).toEqual([]);
    },
  );

  it('for strides 3 and 4, unequal strides, and explicit padding', async () => {
    const base = { batch: 2, inChannels: 3, outChannels: 4 };
    const cases: Case[] = [
      { ...base, size: 9, kernel: 3, stride: 3, pad: 'same' },
      { ...base, size: 10, kernel: 5, stride: 3, pad: 'valid' },
      { ...base, size: 9, kernel: 4, stride: 4, pad: 'same' },
      { ...base, size: 8, kernel: 3, stride: [1, 2], pad: 'same' },
      { ...base, size: 9, kernel: 3, stride: [2, 1], pad: 'valid' },
      {
        ...base,
        size: 9,
        kernel: 3,
        stride: 2,
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
        stride: 2,
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

  it('with 16 or more channels, where whole pixels are moved by memmove', async () => {
    const cases: Case[] = [];
    for (const stride of [1, 2, 3])
      for (const pad of ['same', 'valid'] as const)
        for (const [inChannels, outChannels] of [
          [16, 5],
          [20, 17],
        ] as const)
          cases.push({ batch: 2, size: 9, kernel: 4, stride, pad, inChannels, outChannels });
    expect(await failures(cases)).toEqual([]);
  });

  it.each([
    [4, 8, 128, 64],
    [8, 16, 64, 32],
    [16, 32, 32, 3],
  ])(
    'as a transposed conv %i -> %i pixels (%i -> %i channels), the DCGAN generator layers',
    async (from, to, inCh, outCh) => {
      const diff = await parity(() => {
        const x = tf.tensor4d(seededValues(2 * from * from * inCh, 74), [2, from, from, inCh]);
        const w = tf.tensor4d(seededValues(4 * 4 * outCh * inCh, 75), [4, 4, outCh, inCh]);
        return tf.conv2dTranspose(x, w, [2, to, to, outCh], 2, 'same');
      });
      expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);
    },
  );

  it.each(['floor', 'round', 'ceil'] as const)(
    'called as a kernel with dimRoundingMode %s',
    async (rounding) => {
      const inputShape: [number, number, number, number] = [2, 8, 8, 3];
      const dyShape = tf.backend_util.computeConv2DInfo(inputShape, [3, 3, 3, 4], 2, 1, 1, rounding).outShape;
      const dy = seededValues(count(dyShape), 76);
      const w = seededValues(3 * 3 * 3 * 4, 77);
      const diff = await parity(
        () =>
          tf
            .engine()
            .runKernel(
              'Conv2DBackpropInput',
              { dy: tf.tensor4d(dy, dyShape), filter: tf.tensor4d(w, [3, 3, 3, 4]) },
              { strides: [2, 2], pad: 1, dataFormat: 'NHWC', dimRoundingMode: rounding, inputShape },
            ) as tf.Tensor,
      );
      expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);
    },
  );

  it('hands NCHW to wasm’s own kernel and still matches', async () => {
    const dy = seededValues(2 * 4 * 5 * 5, 78);
    const w = seededValues(3 * 3 * 3 * 4, 79);
    const diff = await parity(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropInput',
            { dy: tf.tensor4d(dy, [2, 4, 5, 5]), filter: tf.tensor4d(w, [3, 3, 3, 4]) },
            { strides: [2, 2], pad: 'same', dataFormat: 'NCHW', inputShape: [2, 3, 9, 9] },
          ) as tf.Tensor,
    );
    expect(diff.relative).toBeLessThanOrEqual(TOLERANCE);
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    const gradient = inputGradient({
      batch: 3,
      size: 9,
      kernel: 4,
      stride: 2,
      pad: 'same',
      inChannels: 3,
      outChannels: 8,
    });
    const { before, after } = await wasmCountsAround(gradient);
    expect(after).toEqual(before);
  });
});
