import * as tf from '@tensorflow/tfjs';
import { type BatchStats, updateRunningStats } from '../../layers/batch-norm';
import { ParamStore } from '../../layers/param-store';
import { SeededRandom, Stream } from '../../random/seeded-random';
import { Adam } from '../../training/adam';
import { bytesToUnit, type ImageTranslator, type PairedImageSource } from '../../translation/paired-images';
import type { GanTrainer, RgbImage, StepMetrics, TensorValues } from '../gan-trainer';
import {
  GeneratorTranslator,
  namedStateTensors,
  restoreNamedState,
} from '../image-translation/generator-translator';
import { PairedBatches, previewPairIndices } from '../image-translation/paired-batches';
import { addPatchDiscriminator, discriminatePatches } from '../image-translation/patch-discriminator';
import { learningRateDecay } from '../image-translation/translation-settings';
import { renderRows } from '../image-translation/translation-preview';
import type { Pix2pixConfig } from './pix2pix-config';
import { buildUNet, runUNet } from './unet-generator';

/**
 * pix2pix training: per step, the generator is judged by the current discriminator (non-saturating logistic
 * loss on every patch, plus l1Weight times the L1 distance to the target) and the discriminator by the same
 * fake (real pairs towards 1, generated ones towards 0, halved as in the paper); both then take their Adam step.
 */
export class Pix2pixTrainer implements GanTrainer {
  readonly imagesPerStep: number;
  readonly generator: ParamStore;
  readonly discriminator: ParamStore;
  /** The generator in inference mode, for previews and held-out measurements while training. */
  readonly translator: ImageTranslator;
  private readonly adamG: Adam;
  private readonly adamD: Adam;
  private readonly batches: PairedBatches;
  private readonly preview: { a: Float32Array; b: Float32Array; count: number };

  constructor(
    private readonly config: Pix2pixConfig,
    pairs: PairedImageSource,
  ) {
    if (pairs.size !== config.imageSize) {
      throw new Error(`pix2pix at ${config.imageSize} px got ${pairs.size} px pairs`);
    }
    const random = new SeededRandom(Stream.initialWeights, config.seed);
    this.generator = buildUNet(config, random);
    this.discriminator = new ParamStore();
    addPatchDiscriminator(
      this.discriminator,
      '',
      {
        inputChannels: 6,
        width: config.discriminatorWidth,
        maxChannels: config.maxChannels,
        layers: config.discriminatorLayers,
      },
      random,
    );
    const adam = { beta1: config.beta1, beta2: config.beta2, epsilon: config.adamEpsilon };
    this.adamG = new Adam(this.generator, adam);
    this.adamD = new Adam(this.discriminator, adam);
    this.batches = new PairedBatches(pairs, config.seed);
    this.imagesPerStep = config.batchSize;
    this.translator = new GeneratorTranslator(config.imageSize, {
      a2b: (images) => runUNet(this.generator, images, { training: false }),
    });
    const indices = previewPairIndices(pairs, config.previewCount);
    this.preview = {
      a: bytesToUnit(pairs.a.readImages(indices)),
      b: bytesToUnit(pairs.b.readImages(indices)),
      count: indices.length,
    };
  }

  async trainStep(completedSteps: number, learningRateScale: number): Promise<StepMetrics> {
    const { batchSize, imageSize, seed, l1Weight, discriminatorLayers: layers } = this.config;
    const shape: [number, number, number, number] = [batchSize, imageSize, imageSize, 3];
    const batch = this.batches.batch(completedSteps, batchSize);
    const realA = tf.tensor4d(batch.a, shape);
    const realB = tf.tensor4d(batch.b, shape);
    const judge = (target: tf.Tensor4D) =>
      discriminatePatches(this.discriminator, '', layers, tf.concat([realA, target], 3));

    const stats: BatchStats[] = [];
    const kept: Record<'fake' | 'adversarial' | 'l1' | 'dReal' | 'dFake', tf.Tensor | undefined> = {
      fake: undefined,
      adversarial: undefined,
      l1: undefined,
      dReal: undefined,
      dFake: undefined,
    };
    const gStep = this.generator.gradients(() => {
      const fake = runUNet(this.generator, realA, {
        training: true,
        collectStats: (s) =>
          stats.push({ name: s.name, mean: tf.keep(s.mean), variance: tf.keep(s.variance) }),
        dropout: {
          rate: this.config.dropout,
          random: new SeededRandom(Stream.dropout, seed, completedSteps),
        },
      });
      kept.fake = tf.keep(fake);
      const adversarial = tf.mean(tf.softplus(tf.neg(judge(fake))));
      const l1 = tf.mean(tf.abs(tf.sub(fake, realB)));
      kept.adversarial = tf.keep(adversarial);
      kept.l1 = tf.keep(l1);
      return tf.add(adversarial, tf.mul(l1, l1Weight)) as tf.Scalar;
    });
    // The discriminator judges the same fake, with the weights the generator was just judged by.
    const dStep = this.discriminator.gradients(() => {
      const realLogits = judge(realB);
      const fakeLogits = judge(kept.fake as tf.Tensor4D);
      kept.dReal = tf.keep(tf.mean(tf.sigmoid(realLogits)));
      kept.dFake = tf.keep(tf.mean(tf.sigmoid(fakeLogits)));
      const loss = tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
      return tf.mul(loss, 0.5) as tf.Scalar;
    });
    const scale =
      learningRateScale * learningRateDecay(completedSteps, this.config.steps, this.config.decayFrom);
    this.adamG.apply(gStep.grads, this.config.learningRateG * scale);
    this.adamD.apply(dStep.grads, this.config.learningRateD * scale);
    updateRunningStats(this.generator, stats, this.config.batchNormMomentum);

    const scalars = tf.stack([dStep.value, kept.adversarial!, kept.dReal!, kept.dFake!, kept.l1!]);
    const [dLoss, gLoss, dReal, dFake, l1] = await scalars.data();
    tf.dispose([
      realA,
      realB,
      scalars,
      gStep.value,
      dStep.value,
      gStep.grads,
      dStep.grads,
      ...Object.values(kept).filter((t): t is tf.Tensor => t !== undefined),
      ...stats.flatMap((s) => [s.mean, s.variance]),
    ]);
    return { dLoss: dLoss!, gLoss: gLoss!, dReal: dReal!, dFake: dFake!, l1: l1! };
  }

  stateTensors(): Map<string, tf.Tensor> {
    return namedStateTensors(this.stores());
  }

  stateCounters(): Record<string, number> {
    return { adamGStep: this.adamG.step, adamDStep: this.adamD.step };
  }

  restoreState(tensors: TensorValues, counters: Record<string, number>): void {
    restoreNamedState(this.stores(), tensors);
    this.adamG.step = counters.adamGStep ?? 0;
    this.adamD.step = counters.adamDStep ?? 0;
  }

  /** Rows of held-out input | output | target. */
  async renderPreview(): Promise<RgbImage> {
    const { a, b, count } = this.preview;
    const output = await this.translator.translate(a, count, 'a2b');
    return renderRows([a, output, b], count, this.config.imageSize);
  }

  dispose(): void {
    this.adamG.dispose();
    this.adamD.dispose();
    this.generator.dispose();
    this.discriminator.dispose();
  }

  private stores(): [string, ParamStore][] {
    return [
      ['generator', this.generator],
      ['discriminator', this.discriminator],
      ['adamG', this.adamG.moments],
      ['adamD', this.adamD.moments],
    ];
  }
}
