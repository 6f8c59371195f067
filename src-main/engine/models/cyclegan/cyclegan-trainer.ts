import * as tf from '@tensorflow/tfjs';
import { type BatchStats, updateRunningStats } from '../../layers/batch-norm';
import { ParamStore } from '../../layers/param-store';
import { SeededRandom, Stream } from '../../random/seeded-random';
import { Adam } from '../../training/adam';
import type { ImageTranslator } from '../../translation/paired-images';
import type { GanTrainer, RgbImage, StepMetrics, TensorValues } from '../gan-trainer';
import type { TrainingData } from '../model-definition';
import {
  GeneratorTranslator,
  namedStateTensors,
  restoreNamedState,
} from '../image-translation/generator-translator';
import { HistoryPool } from '../image-translation/history-pool';
import { addPatchDiscriminator } from '../image-translation/patch-discriminator';
import { learningRateDecay } from '../image-translation/translation-settings';
import { renderRows } from '../image-translation/translation-preview';
import type { CycleganConfig } from './cyclegan-config';
import { cycleganSides, type CycleganSides } from './cyclegan-data';
import { discriminatorLoss, generatorLoss } from './cyclegan-losses';
import { addResnetGenerator, runResnetGenerator } from './resnet-generator';

/**
 * CycleGAN training: per step, both generators are judged by the current discriminators plus the cycle and
 * identity losses; then both discriminators judge real images against fakes drawn through the history pools.
 */
export class CycleganTrainer implements GanTrainer {
  readonly imagesPerStep: number;
  /** G_AB under 'ab/', G_BA under 'ba/': one store, one optimizer, as the paper chains their parameters. */
  readonly generators = new ParamStore();
  /** D_A under 'a/', D_B under 'b/'. */
  readonly discriminators = new ParamStore();
  /** Both directions in inference mode, for previews and held-out measurements while training. */
  readonly translator: ImageTranslator;
  private readonly pools = new ParamStore();
  private readonly poolA: HistoryPool;
  private readonly poolB: HistoryPool;
  private readonly adamG: Adam;
  private readonly adamD: Adam;
  private readonly sides: CycleganSides;

  constructor(
    private readonly config: CycleganConfig,
    data: TrainingData,
  ) {
    this.sides = cycleganSides(data, config.seed, config.previewCount);
    if (this.sides.sourceA.size !== config.imageSize) {
      throw new Error(`cyclegan at ${config.imageSize} px got ${this.sides.sourceA.size} px images`);
    }
    const random = new SeededRandom(Stream.initialWeights, config.seed);
    for (const prefix of ['ab/', 'ba/']) addResnetGenerator(this.generators, prefix, config, random);
    const discriminator = {
      inputChannels: 3,
      width: config.discriminatorWidth,
      maxChannels: config.maxChannels,
      layers: config.discriminatorLayers,
    };
    for (const prefix of ['a/', 'b/'])
      addPatchDiscriminator(this.discriminators, prefix, discriminator, random);
    this.poolA = new HistoryPool(this.pools, 'fakeA', config.historySize, config.imageSize);
    this.poolB = new HistoryPool(this.pools, 'fakeB', config.historySize, config.imageSize);
    const adam = { beta1: config.beta1, beta2: config.beta2, epsilon: config.adamEpsilon };
    this.adamG = new Adam(this.generators, adam);
    this.adamD = new Adam(this.discriminators, adam);
    this.imagesPerStep = config.batchSize;
    const run = (prefix: string) => (images: tf.Tensor4D) =>
      runResnetGenerator(this.generators, prefix, images, { training: false });
    this.translator = new GeneratorTranslator(config.imageSize, { a2b: run('ab/'), b2a: run('ba/') });
  }

  async trainStep(completedSteps: number, learningRateScale: number): Promise<StepMetrics> {
    const { batchSize, imageSize, seed } = this.config;
    const shape: [number, number, number, number] = [batchSize, imageSize, imageSize, 3];
    const realA = tf.tensor4d(this.sides.a.batch(completedSteps, batchSize), shape);
    const realB = tf.tensor4d(this.sides.b.batch(completedSteps, batchSize), shape);
    const stores = { generators: this.generators, discriminators: this.discriminators };

    const stats: BatchStats[] = [];
    const kept: tf.Tensor[] = [];
    const keep = <T extends tf.Tensor>(t: T): T => {
      kept.push(tf.keep(t));
      return t;
    };
    let g: {
      adversarial: tf.Scalar;
      cycle: tf.Scalar;
      identity: tf.Scalar;
      fakeA: tf.Tensor4D;
      fakeB: tf.Tensor4D;
    };
    const gStep = this.generators.gradients(() => {
      const parts = generatorLoss(this.config, stores, realA, realB, (s) =>
        stats.push({ name: s.name, mean: tf.keep(s.mean), variance: tf.keep(s.variance) }),
      );
      g = {
        adversarial: keep(parts.adversarial),
        cycle: keep(parts.cycle),
        identity: keep(parts.identity),
        fakeA: keep(parts.fakeA),
        fakeB: keep(parts.fakeB),
      };
      return parts.total;
    });
    // Each discriminator sees this step's fakes through its history pool.
    const fakes = {
      a: keep(this.poolA.query(g!.fakeA, new SeededRandom(Stream.historyPoolA, seed, completedSteps))),
      b: keep(this.poolB.query(g!.fakeB, new SeededRandom(Stream.historyPoolB, seed, completedSteps))),
    };
    let scores: { real: tf.Scalar; fake: tf.Scalar };
    const dStep = this.discriminators.gradients(() => {
      const parts = discriminatorLoss(this.config, this.discriminators, { a: realA, b: realB }, fakes);
      scores = { real: keep(parts.realScore), fake: keep(parts.fakeScore) };
      return parts.total;
    });
    const scale =
      learningRateScale * learningRateDecay(completedSteps, this.config.steps, this.config.decayFrom);
    this.adamG.apply(gStep.grads, this.config.learningRateG * scale);
    this.adamD.apply(dStep.grads, this.config.learningRateD * scale);
    updateRunningStats(this.generators, stats, this.config.batchNormMomentum);

    const scalars = tf.stack([
      dStep.value,
      g!.adversarial,
      scores!.real,
      scores!.fake,
      g!.cycle,
      g!.identity,
    ]);
    const [dLoss, gLoss, dReal, dFake, cycle, identity] = await scalars.data();
    tf.dispose([realA, realB, scalars, gStep.value, dStep.value, gStep.grads, dStep.grads, ...kept]);
    tf.dispose(stats.flatMap((s) => [s.mean, s.variance]));
    return { dLoss: dLoss!, gLoss: gLoss!, dReal: dReal!, dFake: dFake!, cycle: cycle!, identity: identity! };
  }

  stateTensors(): Map<string, tf.Tensor> {
    return namedStateTensors(this.stores());
  }

  stateCounters(): Record<string, number> {
    return {
      adamGStep: this.adamG.step,
      adamDStep: this.adamD.step,
      historyAFilled: this.poolA.filled,
      historyBFilled: this.poolB.filled,
    };
  }

  restoreState(tensors: TensorValues, counters: Record<string, number>): void {
    restoreNamedState(this.stores(), tensors);
    this.adamG.step = counters.adamGStep ?? 0;
    this.adamD.step = counters.adamDStep ?? 0;
    this.poolA.filled = counters.historyAFilled ?? 0;
    this.poolB.filled = counters.historyBFilled ?? 0;
  }

  /**
   * Rows of A | G_AB(A) | target, then B | G_BA(B) | target; without pairs the third column is the round
   * trip back (the cycle), which shows what the cycle loss is holding on to.
   */
  async renderPreview(): Promise<RgbImage> {
    const { a, b, count, paired } = this.sides.preview;
    const toB = await this.translator.translate(a, count, 'a2b');
    const toA = await this.translator.translate(b, count, 'b2a');
    const third = paired
      ? [b, a]
      : [
          await this.translator.translate(toB, count, 'b2a'),
          await this.translator.translate(toA, count, 'a2b'),
        ];
    const join = (x: Float32Array, y: Float32Array) => {
      const both = new Float32Array(x.length + y.length);
      both.set(x);
      both.set(y, x.length);
      return both;
    };
    return renderRows(
      [join(a, b), join(toB, toA), join(third[0]!, third[1]!)],
      2 * count,
      this.config.imageSize,
    );
  }

  dispose(): void {
    for (const [, store] of this.stores()) store.dispose();
  }

  private stores(): [string, ParamStore][] {
    return [
      ['generators', this.generators],
      ['discriminators', this.discriminators],
      ['history', this.pools],
      ['adamG', this.adamG.moments],
      ['adamD', this.adamD.moments],
    ];
  }
}
