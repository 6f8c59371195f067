import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../random/seeded-random';

/*
 * Initial weights are drawn from our own seeded generator rather than tf.random*, so a seed gives the same
 * network on every backend.
 */

export function normalWeights(random: SeededRandom, shape: number[], mean: number, std: number): tf.Tensor {
  const values = random.normals(sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = mean + std * values[i]!;
  return tf.tensor(values, shape, 'float32');
}

/** Uniform in (-limit, +limit). */
export function uniformWeights(random: SeededRandom, shape: number[], limit: number): tf.Tensor {
  const values = random.uniforms(sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = (values[i]! * 2 - 1) * limit;
  return tf.tensor(values, shape, 'float32');
}

/** Keras's he_uniform limit, suited to ReLU layers. */
export const heUniformLimit = (fanIn: number): number => Math.sqrt(6 / fanIn);

/** Keras's glorot_uniform limit, the default for Dense layers. */
export const glorotUniformLimit = (fanIn: number, fanOut: number): number => Math.sqrt(6 / (fanIn + fanOut));

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
