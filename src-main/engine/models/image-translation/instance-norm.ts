import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../layers/param-store';
import { normalWeights } from '../../layers/initializers';
import type { SeededRandom } from '../../random/seeded-random';

const EPSILON = 1e-5;

/** gamma and beta of an instance-norm layer with `channels` channels. */
export function addInstanceNorm(
  store: ParamStore,
  name: string,
  channels: number,
  random: SeededRandom,
): void {
  store.add(`${name}.gamma`, normalWeights(random, [channels], 1, 0.02));
  store.add(`${name}.beta`, tf.zeros([channels]));
}

/**
 * Normalizes each image's channels over its own height and width. Used in the discriminators: an image's
 * score then doesn't depend on the other images of its batch, and there are no running statistics to keep.
 */
export function instanceNorm(store: ParamStore, name: string, x: tf.Tensor4D): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  const normalized = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPSILON)));
  return tf.add(tf.mul(normalized, store.get(`${name}.gamma`)), store.get(`${name}.beta`));
}
