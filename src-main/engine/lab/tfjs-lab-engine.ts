import * as tf from '@tensorflow/tfjs';
import type { LabConfig, LossName } from './lab-config';
import {
  discriminatorShape,
  type GeneratorPush,
  generatorShape,
  type LabEngine,
  type LabEngineState,
} from './lab-engine';
import { TfjsNetwork } from './tfjs-network';

/**
 * The Lab's networks in TensorFlow.js: variables, autodiff (tf.variableGrads) and tf.train's own optimizers.
 * It is the reference the plain engine is tested against, and a live choice in the view. Every op runs in
 * tf.tidy; results come back with one dataSync per call, which on the cpu backend the view pins it to is a
 * plain copy, not a GPU stall. It runs on whatever backend is active: the caller picks it.
 */

/** Each point's loss in tensors, as gan-losses.ts: for D's real and fake points, and for G's. */
function lossTerms(loss: LossName, logits: tf.Tensor, term: 'real' | 'fake' | 'generator'): tf.Tensor {
  if (term === 'generator') {
    return loss === 'minimax' ? tf.neg(lossTerms(loss, logits, 'fake')) : lossTerms(loss, logits, 'real');
  }
  if (loss !== 'least-squares') return tf.softplus(term === 'real' ? tf.neg(logits) : logits);
  const p = tf.sigmoid(logits);
  return tf.square(term === 'real' ? tf.sub(p, 1) : p);
}

export class TfjsLabEngine implements LabEngine {
  readonly compute = 'tfjs';
  private loss: LossName;

  private constructor(
    private readonly generator: TfjsNetwork,
    private readonly discriminator: TfjsNetwork,
    config: LabConfig,
  ) {
    this.loss = config.loss;
  }

  static async create(config: LabConfig, state: LabEngineState): Promise<TfjsLabEngine> {
    const generator = await TfjsNetwork.create(
      generatorShape(config),
      state.generator,
      config.generatorOptimizer,
      config.generatorLearningRate,
    );
    const discriminator = await TfjsNetwork.create(
      discriminatorShape(config),
      state.discriminator,
      config.discriminatorOptimizer,
      config.discriminatorLearningRate,
    );
    return new TfjsLabEngine(generator, discriminator, config);
  }

  configure(config: LabConfig): void {
    this.generator.configure(config.generatorOptimizer, config.generatorLearningRate);
    this.discriminator.configure(config.discriminatorOptimizer, config.discriminatorLearningRate);
    this.loss = config.loss;
  }

  trainDiscriminator(real: Float32Array, latents: Float32Array, count: number) {
    let logits: tf.Tensor | undefined;
    const summary = tf.tidy(() => {
      const fake = this.generator.apply(this.latentTensor(latents, count));
      const points = tf.concat([tf.tensor2d(real.subarray(0, count * 2), [count, 2]), fake]);
      const loss = this.discriminator.train(() => {
        // Kept past the tape's own tidy to report D's scores; disposed below.
        logits = tf.keep(this.discriminator.apply(points));
        const [realLogits, fakeLogits] = tf.split(logits, 2) as [tf.Tensor, tf.Tensor];
        // Keras's binary cross-entropy over the whole batch: the mean of the two halves' means.
        const realLoss = tf.mean(lossTerms(this.loss, realLogits, 'real'));
        return tf.mul(0.5, tf.add(realLoss, tf.mean(lossTerms(this.loss, fakeLogits, 'fake'))));
      });
      const scores = tf.mean(tf.reshape(tf.sigmoid(logits!), [2, count]), 1);
      return tf.concat([tf.reshape(loss, [1]), scores]);
    });
    logits?.dispose();
    const [loss, realScore, fakeScore] = summary.dataSync();
    summary.dispose();
    return { loss: loss!, realScore: realScore!, fakeScore: fakeScore! };
  }

  trainGenerator(latents: Float32Array, count: number): number {
    const loss = tf.tidy(() => {
      const z = this.latentTensor(latents, count);
      return this.generator.train(() => {
        const logits = this.discriminator.apply(this.generator.apply(z));
        return tf.mean(lossTerms(this.loss, logits, 'generator'));
      });
    });
    const value = loss.dataSync()[0]!;
    loss.dispose();
    return value;
  }

  discriminate(points: Float32Array, count: number): Float32Array {
    return this.read(() =>
      tf.sigmoid(this.discriminator.apply(tf.tensor2d(points.subarray(0, count * 2), [count, 2]))),
    );
  }

  generate(latents: Float32Array, count: number): Float32Array {
    return this.read(() => this.generator.apply(this.latentTensor(latents, count)));
  }

  generatorPush(latents: Float32Array, count: number): GeneratorPush {
    const points = this.generate(latents, count);
    const gradient = tf.grad((x: tf.Tensor) =>
      tf.sum(lossTerms(this.loss, this.discriminator.apply(x), 'generator')),
    );
    const push = this.read(() => tf.neg(gradient(tf.tensor2d(points, [count, 2]))));
    return { points, push };
  }

  async exportState(): Promise<LabEngineState> {
    return { generator: await this.generator.state(), discriminator: await this.discriminator.state() };
  }

  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
  }

  private latentTensor(latents: Float32Array, count: number): tf.Tensor2D {
    return tf.tensor2d(latents.subarray(0, count * this.generator.inputs), [count, this.generator.inputs]);
  }

  /** Runs `compute` in a tidy and copies its values out, so nothing of it outlives the call. */
  private read(compute: () => tf.Tensor): Float32Array {
    const result = tf.tidy(compute);
    const values = Float32Array.from(result.dataSync());
    result.dispose();
    return values;
  }
}
