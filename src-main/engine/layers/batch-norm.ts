import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './param-store';
import { normalWeights } from './initializers';
import type { SeededRandom } from '../random/seeded-random';

const EPSILON = 1e-5;

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
      EPSILON,
    );
  }
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  collect?.({ name, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D });
  return tf.batchNorm(x, mean, variance, beta, gamma, EPSILON);
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
