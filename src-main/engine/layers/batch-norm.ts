import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './param-store';
import { normalWeights } from './initializers';
import type { SeededRandom } from '../random/seeded-random';

/** Added to the variance before its square root, in training and when sampling (and in exported models). */
export const BATCH_NORM_EPSILON = 1e-5;

/** Adds gamma/beta (trained) and the running mean/variance (used when sampling) for `channels` channels. */
export function addBatchNorm(store: ParamStore, name: string, channels: number, random: SeededRandom): void {
  store.add(`${name}.gamma`, normalWeights(random, [channels], 1, 0.02));
  store.add(`${name}.beta`, tf.zeros([channels]));
  store.add(`${name}.mean`, tf.zeros([channels]), false);
  store.add(`${name}.variance`, tf.ones([channels]), false);
}

export interface BatchStats {
  name: string;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Batch norm over all axes but the last. In training mode it normalizes with the batch's own statistics and
 * hands them to `collect`, so the caller can fold them into the running averages after the gradient step.
 */
export function batchNorm(
  store: ParamStore,
  name: string,
  x: tf.Tensor,
  training: boolean,
  collect?: (stats: BatchStats) => void,
): tf.Tensor {
  const gamma = store.get(`${name}.gamma`) as tf.Tensor1D;
  const beta = store.get(`${name}.beta`) as tf.Tensor1D;
  if (!training) {
    return tf.batchNorm(
      x,
      store.get(`${name}.mean`) as tf.Tensor1D,
      store.get(`${name}.variance`) as tf.Tensor1D,
      beta,
      gamma,
      BATCH_NORM_EPSILON,
    );
  }
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  return normalizeByBatch(x, gamma, beta, axes, (mean, variance) => collect?.({ name, mean, variance }));
}

/**
 * Training-mode batch norm as one op with its gradient written out. The forward pass is the same kernels as
 * tf.moments + tf.batchNorm, so the values are identical; the backward pass is the textbook closed form
 * (Ioffe & Szegedy, eq. 4 reduced), dx = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat)), about ten
 * elementwise kernels and two channel sums. Left to autodiff, tfjs differentiates through moments and the
 * FusedBatchNorm kernel with a Tile of the full activation and a dozen more full-size ops, which was a tenth of
 * a DCGAN step on wasm.
 */
function normalizeByBatch(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  axes: number[],
  onStats: (mean: tf.Tensor1D, variance: tf.Tensor1D) => void,
): tf.Tensor {
  const count = x.size / x.shape[x.shape.length - 1]!;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, shift, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const { mean, variance } = tf.moments(input, axes);
    onStats(mean as tf.Tensor1D, variance as tf.Tensor1D);
    const value = tf.batchNorm(input, mean, variance, shift, scale, BATCH_NORM_EPSILON);
    save([input, mean, tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)), scale]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [savedInput, savedMean, inverseStd, savedScale] = saved as [
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
      ];
      const normalized = tf.mul(tf.sub(savedInput, savedMean), inverseStd);
      const dShift = tf.sum(dy, axes);
      const dScale = tf.sum(tf.mul(dy, normalized), axes);
      const inputScale = tf.mul(savedScale, inverseStd);
      const perCount = tf.div(inputScale, count);
      const dx = tf.sub(
        tf.sub(tf.mul(dy, inputScale), tf.mul(normalized, tf.mul(dScale, perCount))),
        tf.mul(dShift, perCount),
      );
      return [dx, dScale, dShift];
    };
    return { value, gradFunc };
  });
  return op(x, gamma, beta);
}

/** running <- momentum * running + (1 - momentum) * batch, for each collected layer. */
export function updateRunningStats(store: ParamStore, stats: BatchStats[], momentum: number): void {
  tf.tidy(() => {
    for (const { name, mean, variance } of stats) {
      const runningMean = store.get(`${name}.mean`);
      const runningVariance = store.get(`${name}.variance`);
      runningMean.assign(runningMean.mul(momentum).add(mean.mul(1 - momentum)));
      runningVariance.assign(runningVariance.mul(momentum).add(variance.mul(1 - momentum)));
    }
  });
}
