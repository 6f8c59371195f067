/**
 * A small DCGAN-shaped graph, forward and backward, on wasm with our kernels: every op a GAN step uses must have a
 * kernel there, and every parameter's gradient must match the cpu backend's.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { liveCounts, parity, seededValues } from './parity-helpers';

const BATCH = 3;
const SHAPES = {
  gDense: [8, 4 * 4 * 8],
  gUp1: [4, 4, 4, 8],
  gGamma: [4],
  gBeta: [4],
  gUp2: [4, 4, 3, 4],
  dConv1: [4, 4, 3, 4],
  dConv2: [3, 3, 4, 8],
  dDense: [4 * 4 * 8, 1],
  dBias: [1],
} as const;
type Params = Record<keyof typeof SHAPES, tf.Tensor>;

function makeParams(): Params {
  const entries = Object.entries(SHAPES).map(([name, shape], i) => {
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    const values = seededValues(size, 50 + i).map((v) => (name === 'gGamma' ? 1 + 0.1 * v : 0.3 * v));
    return [name, tf.tensor(values, [...shape])];
  });
  return Object.fromEntries(entries) as Params;
}

function generate(p: Params, z: tf.Tensor2D): tf.Tensor4D {
  let h = tf.relu(tf.matMul(z, p.gDense as tf.Tensor2D).reshape([BATCH, 4, 4, 8])) as tf.Tensor4D;
  h = tf.conv2dTranspose(h, p.gUp1 as tf.Tensor4D, [BATCH, 8, 8, 4], 2, 'same');
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  h = tf.relu(
    tf.batchNorm(h, mean, variance, p.gBeta as tf.Tensor1D, p.gGamma as tf.Tensor1D, 1e-5),
  ) as tf.Tensor4D;
  return tf.tanh(tf.conv2dTranspose(h, p.gUp2 as tf.Tensor4D, [BATCH, 16, 16, 3], 2, 'same')) as tf.Tensor4D;
}

function discriminate(p: Params, images: tf.Tensor4D): tf.Tensor2D {
  let h = tf.leakyRelu(tf.conv2d(images, p.dConv1 as tf.Tensor4D, 2, 'same'), 0.2);
  h = tf.leakyRelu(tf.conv2d(h, p.dConv2 as tf.Tensor4D, 2, 'same'), 0.2);
  return tf.add(tf.matMul(h.reshape([BATCH, -1]) as tf.Tensor2D, p.dDense as tf.Tensor2D), p.dBias);
}

function inputs() {
  const z = tf.tensor2d(seededValues(BATCH * 8, 60), [BATCH, 8]);
  const real = tf.tensor4d(seededValues(BATCH * 16 * 16 * 3, 61), [BATCH, 16, 16, 3]);
  return { z, real };
}

const discriminatorLoss = (p: Params, z: tf.Tensor2D, real: tf.Tensor4D) => {
  const realLogits = discriminate(p, real);
  const fakeLogits = discriminate(p, generate(p, z));
  return tf
    .softplus(tf.neg(realLogits))
    .mean()
    .add(tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeLogits), fakeLogits)) as tf.Scalar;
};
const generatorLoss = (p: Params, z: tf.Tensor2D) =>
  tf
    .sigmoid(discriminate(p, generate(p, z)))
    .add(1e-6)
    .log()
    .neg()
    .mean() as tf.Scalar;

/** One parameter's gradient of one loss (compared one by one, so a small gradient isn't hidden by a large one). */
function gradientOf(loss: 'discriminator' | 'generator', param: keyof Params): () => tf.Tensor {
  return () => {
    const p = makeParams();
    const { z, real } = inputs();
    return tf.grad((value: tf.Tensor) => {
      const q = { ...p, [param]: value };
      return loss === 'discriminator' ? discriminatorLoss(q, z, real) : generatorLoss(q, z);
    })(p[param]);
  };
}

beforeAll(async () => {
  await initBackend({ forced: 'wasm' });
});

describe('a DCGAN-shaped training step on wasm', () => {
  it.each(['discriminator', 'generator'] as const)(
    'gives the %s gradient of every parameter as the cpu backend does',
    async (loss) => {
      const failed: string[] = [];
      for (const param of Object.keys(SHAPES) as (keyof Params)[]) {
        const diff = await parity(gradientOf(loss, param));
        if (!(diff.relative <= 1e-4)) failed.push(`${param}: ${diff.relative}`);
      }
      expect(failed).toEqual([]);
    },
  );

  it('runs Adam steps with a flat tensor count', async () => {
    await tf.setBackend('wasm');
    const p = Object.fromEntries(
      Object.entries(makeParams()).map(([k, v]) => [k, tf.variable(v)]),
    ) as unknown as Params;
    const { z, real } = inputs();
    const optimizer = tf.train.adam(2e-4, 0.5);
    const step = () => {
      optimizer.minimize(() => discriminatorLoss(p, z, real), false);
      optimizer.minimize(() => generatorLoss(p, z), false);
    };
    step(); // creates Adam's moment slots
    const before = liveCounts();
    for (let i = 0; i < 3; i++) step();
    expect(liveCounts()).toEqual(before);
    const loss = tf.tidy(() => discriminatorLoss(p, z, real));
    expect(Number.isFinite(await loss.data().then((v) => v[0]))).toBe(true);
    loss.dispose();
  });
});
