import * as tf from '@tensorflow/tfjs';
import type { BatchStats } from '../../layers/batch-norm';
import type { ParamStore } from '../../layers/param-store';
import { discriminatePatches } from '../image-translation/patch-discriminator';
import type { CycleganConfig } from './cyclegan-config';
import { runResnetGenerator } from './resnet-generator';

/*
 * The two halves of a CycleGAN step as loss functions: G_AB ('ab/') makes B from A, G_BA ('ba/') A from B;
 * D_A ('a/') tells real A from generated A, D_B ('b/') real B from generated B. Least-squares GAN losses, as
 * in the paper: D pushes real scores to 1 and fake ones to 0, G pushes its fakes' scores to 1.
 */

const squaredDistance = (scores: tf.Tensor, target: number) => tf.mean(tf.square(tf.sub(scores, target)));
const l1 = (x: tf.Tensor, y: tf.Tensor) => tf.mean(tf.abs(tf.sub(x, y)));

export interface GeneratorLossParts {
  total: tf.Scalar;
  adversarial: tf.Scalar;
  cycle: tf.Scalar;
  identity: tf.Scalar;
  /** G_AB(A) and G_BA(B), for the discriminators' turn. */
  fakeB: tf.Tensor4D;
  fakeA: tf.Tensor4D;
}

/**
 * The generators' loss on a batch. Only the passes over real inputs feed the batch-norm running statistics:
 * those are the inputs the generators will meet when translating photos.
 */
export function generatorLoss(
  config: CycleganConfig,
  stores: { generators: ParamStore; discriminators: ParamStore },
  realA: tf.Tensor4D,
  realB: tf.Tensor4D,
  collectStats: (stats: BatchStats) => void,
): GeneratorLossParts {
  const { generators, discriminators } = stores;
  const layers = config.discriminatorLayers;
  const translate = (prefix: 'ab/' | 'ba/', x: tf.Tensor4D, collect: boolean) =>
    runResnetGenerator(generators, prefix, x, {
      training: true,
      collectStats: collect ? collectStats : undefined,
    });
  const fakeB = translate('ab/', realA, true);
  const fakeA = translate('ba/', realB, true);
  const adversarial = tf.add(
    squaredDistance(discriminatePatches(discriminators, 'b/', layers, fakeB), 1),
    squaredDistance(discriminatePatches(discriminators, 'a/', layers, fakeA), 1),
  ) as tf.Scalar;
  const cycle = tf.add(
    l1(translate('ba/', fakeB, false), realA),
    l1(translate('ab/', fakeA, false), realB),
  ) as tf.Scalar;
  const identity =
    config.identityWeight > 0
      ? (tf.add(
          l1(translate('ab/', realB, false), realB),
          l1(translate('ba/', realA, false), realA),
        ) as tf.Scalar)
      : tf.scalar(0);
  const total = tf.addN([
    adversarial,
    tf.mul(cycle, config.cycleWeight),
    tf.mul(identity, config.identityWeight),
  ]) as tf.Scalar;
  return { total, adversarial, cycle, identity, fakeB, fakeA };
}

export interface DiscriminatorLossParts {
  total: tf.Scalar;
  /** Mean score of real and of (pooled) generated images, over both discriminators. */
  realScore: tf.Scalar;
  fakeScore: tf.Scalar;
}

/** Both discriminators' loss, each halved as in the paper so D learns at half G's pace. */
export function discriminatorLoss(
  config: CycleganConfig,
  discriminators: ParamStore,
  reals: { a: tf.Tensor4D; b: tf.Tensor4D },
  fakes: { a: tf.Tensor4D; b: tf.Tensor4D },
): DiscriminatorLossParts {
  const layers = config.discriminatorLayers;
  const score = (prefix: 'a/' | 'b/', x: tf.Tensor4D) =>
    discriminatePatches(discriminators, prefix, layers, x);
  const realA = score('a/', reals.a);
  const realB = score('b/', reals.b);
  const fakeA = score('a/', fakes.a);
  const fakeB = score('b/', fakes.b);
  const total = tf.mul(
    tf.addN([
      squaredDistance(realA, 1),
      squaredDistance(fakeA, 0),
      squaredDistance(realB, 1),
      squaredDistance(fakeB, 0),
    ]),
    0.5,
  ) as tf.Scalar;
  return {
    total,
    realScore: tf.mul(tf.add(tf.mean(realA), tf.mean(realB)), 0.5) as tf.Scalar,
    fakeScore: tf.mul(tf.add(tf.mean(fakeA), tf.mean(fakeB)), 0.5) as tf.Scalar,
  };
}
