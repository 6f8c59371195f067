import * as tf from '@tensorflow/tfjs';
import type { BatchStats } from '../../layers/batch-norm';
import { updateRunningStats } from '../../layers/batch-norm';
import type { ParamStore } from '../../layers/param-store';
import { latentForSeed, SeededRandom, Stream } from '../../random/seeded-random';
import { gridColumns, tileImages, toRgbBytes } from '../../sampling/image-grid';
import { Adam } from '../../training/adam';
import { diffAugment } from '../../training/diff-augment';
import { updateWeightAverage } from '../../training/weight-average';
import type { RealImageBatches } from '../../data/real-image-batches';
import type { GanTrainer, RgbImage, StepMetrics, TensorValues } from '../gan-trainer';
import type { DcganConfig } from './dcgan-config';
import { buildDiscriminator, buildGenerator, discriminate, generate } from './dcgan-networks';

/**
 * DCGAN training with the non-saturating logistic loss: per step, one discriminator update on a real batch
 * and a generated one, then one generator update; DiffAugment on everything D sees; an averaged generator for
 * sampling.
 */
export class DcganTrainer implements GanTrainer {
  readonly imagesPerStep: number;
  readonly generator: ParamStore;
  readonly discriminator: ParamStore;
  readonly averagedGenerator: ParamStore;
  private readonly adamG: Adam;
  private readonly adamD: Adam;

  constructor(
    private readonly config: DcganConfig,
    private readonly reals: RealImageBatches,
  ) {
    const random = new SeededRandom(Stream.initialWeights, config.seed);
    this.generator = buildGenerator(config, random);
    this.discriminator = buildDiscriminator(config, random);
    this.averagedGenerator = this.generator.clone();
    const adam = { beta1: config.beta1, beta2: config.beta2, epsilon: config.adamEpsilon };
    this.adamG = new Adam(this.generator, adam);
    this.adamD = new Adam(this.discriminator, adam);
    this.imagesPerStep = config.batchSize;
  }

  async trainStep(completedSteps: number, learningRateScale: number): Promise<StepMetrics> {
    const { batchSize, imageSize, augment, seed } = this.config;
    const stepRandom = (stream: number) => new SeededRandom(stream, seed, completedSteps);
    const real = tf.tensor4d(this.reals.batch(completedSteps, batchSize), [
      batchSize,
      imageSize,
      imageSize,
      3,
    ]);

    // Discriminator: real batch towards 1, a generated batch towards 0. G is a constant here.
    const fake = tf.tidy(() =>
      generate(this.generator, this.latents(stepRandom(Stream.discriminatorLatent)), { training: true }),
    );
    let dReal: tf.Scalar | undefined;
    let dFake: tf.Scalar | undefined;
    const dStep = this.discriminator.gradients(() => {
      // One pass over real and generated images together: D has no batch statistics, so each image's logit is
      // what a pass of its own would give, and half as many (twice as large) kernels run.
      const both = tf.concat([
        diffAugment(real, augment, stepRandom(Stream.augmentReal)),
        diffAugment(fake, augment, stepRandom(Stream.augmentFake)),
      ]);
      const [realLogits, fakeLogits] = tf.split(discriminate(this.discriminator, both), 2);
      dReal = tf.keep(tf.mean(tf.sigmoid(realLogits!)) as tf.Scalar);
      dFake = tf.keep(tf.mean(tf.sigmoid(fakeLogits!)) as tf.Scalar);
      return tf.add(tf.mean(tf.softplus(tf.neg(realLogits!))), tf.mean(tf.softplus(fakeLogits!)));
    });
    this.adamD.apply(dStep.grads, this.config.learningRateD * learningRateScale);
    tf.dispose([real, fake, dStep.grads]);

    // Generator: make D call its (augmented) images real.
    const stats: BatchStats[] = [];
    const gStep = this.generator.gradients(() => {
      const images = generate(this.generator, this.latents(stepRandom(Stream.generatorLatent)), {
        training: true,
        collectStats: (s) =>
          stats.push({ name: s.name, mean: tf.keep(s.mean), variance: tf.keep(s.variance) }),
      });
      const logits = discriminate(
        this.discriminator,
        diffAugment(images, augment, stepRandom(Stream.augmentGenerator)),
      );
      return tf.mean(tf.softplus(tf.neg(logits)));
    });
    this.adamG.apply(gStep.grads, this.config.learningRateG * learningRateScale);
    updateRunningStats(this.generator, stats, this.config.batchNormMomentum);
    updateWeightAverage(this.averagedGenerator, this.generator, this.config.emaDecay, completedSteps);
    tf.dispose([gStep.grads, ...stats.flatMap((s) => [s.mean, s.variance])]);

    const scalars = tf.stack([dStep.value, gStep.value, dReal!, dFake!]);
    const [dLoss, gLoss, realScore, fakeScore] = await scalars.data();
    tf.dispose([scalars, dStep.value, gStep.value, dReal!, dFake!]);
    return { dLoss: dLoss!, gLoss: gLoss!, dReal: realScore!, dFake: fakeScore! };
  }

  stateTensors(): Map<string, tf.Tensor> {
    const tensors = new Map<string, tf.Tensor>();
    const stores: [string, ParamStore][] = [
      ['generator', this.generator],
      ['discriminator', this.discriminator],
      ['averagedGenerator', this.averagedGenerator],
      ['adamG', this.adamG.moments],
      ['adamD', this.adamD.moments],
    ];
    for (const [prefix, store] of stores) {
      for (const [name, variable] of store.entries()) tensors.set(`${prefix}/${name}`, variable);
    }
    return tensors;
  }

  stateCounters(): Record<string, number> {
    return { adamGStep: this.adamG.step, adamDStep: this.adamD.step };
  }

  restoreState(tensors: TensorValues, counters: Record<string, number>): void {
    for (const [name, variable] of this.stateTensors()) {
      const saved = tensors.get(name);
      if (!saved) throw new Error(`checkpoint has no tensor ${name}`);
      if (saved.shape.join('x') !== variable.shape.join('x')) {
        throw new Error(
          `checkpoint tensor ${name} is ${saved.shape.join('x')}, model expects ${variable.shape.join('x')}`,
        );
      }
      tf.tidy(() => (variable as tf.Variable).assign(tf.tensor(saved.values, saved.shape)));
    }
    this.adamG.step = counters.adamGStep ?? 0;
    this.adamD.step = counters.adamDStep ?? 0;
  }

  async renderPreview(): Promise<RgbImage> {
    const { previewCount, latentSize, imageSize } = this.config;
    const latents = new Float32Array(previewCount * latentSize);
    for (let s = 0; s < previewCount; s++) latents.set(latentForSeed(s, latentSize), s * latentSize);
    const images = tf.tidy(() =>
      generate(this.averagedGenerator, tf.tensor2d(latents, [previewCount, latentSize]), { training: false }),
    );
    const pixels = await toRgbBytes(images);
    images.dispose();
    return tileImages(pixels, previewCount, imageSize, { columns: gridColumns(previewCount) });
  }

  dispose(): void {
    this.adamG.dispose();
    this.adamD.dispose();
    this.generator.dispose();
    this.discriminator.dispose();
    this.averagedGenerator.dispose();
  }

  private latents(random: SeededRandom): tf.Tensor2D {
    const { batchSize, latentSize } = this.config;
    return tf.tensor2d(random.normals(batchSize * latentSize), [batchSize, latentSize]);
  }
}
