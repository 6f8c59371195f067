import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../../random/seeded-random';

/**
 * Dropout whose mask comes from our counter-based randomness rather than tf.randomUniform, so a step's noise
 * is fixed by (seed, step) on every backend and a resumed run drops the same units.
 */
export function seededDropout(x: tf.Tensor4D, rate: number, random: SeededRandom): tf.Tensor4D {
  if (rate <= 0) return x;
  const draws = random.uniforms(x.size);
  const keep = 1 - rate;
  const mask = new Float32Array(draws.length);
  for (let i = 0; i < draws.length; i++) mask[i] = draws[i]! < keep ? 1 / keep : 0;
  return tf.mul(x, tf.tensor4d(mask, x.shape));
}
