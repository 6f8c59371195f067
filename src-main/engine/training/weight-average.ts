import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../layers/param-store';

/**
 * Keeps `average` an exponential moving average of `source`'s trainable weights and a copy of its other
 * weights (batch-norm running statistics). Early on the decay is lowered (as in StyleGAN's ramp-up) so the
 * average doesn't drag the random initial weights along for thousands of steps.
 */
export function updateWeightAverage(
  average: ParamStore,
  source: ParamStore,
  decay: number,
  completedSteps: number,
): void {
  const effectiveDecay = Math.min(decay, (1 + completedSteps) / (10 + completedSteps));
  tf.tidy(() => {
    for (const [name, weight] of source.entries()) {
      const target = average.get(name);
      if (weight.trainable)
        target.assign(tf.add(tf.mul(target, effectiveDecay), tf.mul(weight, 1 - effectiveDecay)));
      else target.assign(weight);
    }
  });
}
