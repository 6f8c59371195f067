import { fakeTerm, generatorTerm, realTerm, sigmoid } from './gan-losses';
import type { LabConfig, LossName } from './lab-config';
import {
  discriminatorShape,
  type GeneratorPush,
  generatorShape,
  type LabEngine,
  type LabEngineState,
} from './lab-engine';
import { mlpBackward, mlpForward } from './mlp';
import { PlainNetwork, Scratch } from './plain-network';

/** The Lab's networks in plain loops over Float32Arrays; see lab-engine.ts for the contract. */
export class PlainLabEngine implements LabEngine {
  readonly compute = 'plain';
  private readonly generator: PlainNetwork;
  private readonly discriminator: PlainNetwork;
  private loss: LossName;
  private readonly scratch = new Scratch();

  constructor(config: LabConfig, state: LabEngineState) {
    this.generator = new PlainNetwork(
      generatorShape(config),
      state.generator,
      config.generatorOptimizer,
      config.generatorLearningRate,
    );
    this.discriminator = new PlainNetwork(
      discriminatorShape(config),
      state.discriminator,
      config.discriminatorOptimizer,
      config.discriminatorLearningRate,
    );
    this.loss = config.loss;
  }

  configure(config: LabConfig): void {
    this.generator.configure(config.generatorOptimizer, config.generatorLearningRate);
    this.discriminator.configure(config.discriminatorOptimizer, config.discriminatorLearningRate);
    this.loss = config.loss;
  }

  trainDiscriminator(real: Float32Array, latents: Float32Array, count: number) {
    const d = this.discriminator;
    // Real points first, then generated ones: one forward and one backward pass over both halves.
    const points = this.scratch.take('d.points', count * 4);
    points.set(real.subarray(0, count * 2));
    this.runGenerator(latents, count, points.subarray(count * 2));
    const rows = count * 2;
    const { hidden, logits } = this.runDiscriminator(points, rows);
    const slopes = this.scratch.take('d.slopes', rows);
    // Keras's binary cross-entropy over the whole batch: the mean of the real half's and the fake half's means.
    const weight = 0.5 / count;
    let loss = 0;
    let realScore = 0;
    let fakeScore = 0;
    for (let i = 0; i < rows; i++) {
      const isReal = i < count;
      const term = isReal ? realTerm(this.loss, logits[i]!) : fakeTerm(this.loss, logits[i]!);
      loss += term.value * weight;
      slopes[i] = term.slope * weight;
      if (isReal) realScore += sigmoid(logits[i]!);
      else fakeScore += sigmoid(logits[i]!);
    }
    d.grads.fill(0);
    mlpBackward(
      d.shape,
      d.params,
      points,
      rows,
      hidden,
      slopes,
      d.grads,
      this.scratch.take('d.gh', rows * d.shape.hidden),
    );
    d.optimizer.apply(d.params, d.grads);
    return { loss, realScore: realScore / count, fakeScore: fakeScore / count };
  }

  trainGenerator(latents: Float32Array, count: number): number {
    const g = this.generator;
    const { loss, gradPoints, hidden } = this.generatorGradient(latents, count, 1 / count);
    g.grads.fill(0);
    const gradHidden = this.scratch.take('g.gh', count * g.shape.hidden);
    mlpBackward(g.shape, g.params, latents, count, hidden, gradPoints, g.grads, gradHidden);
    g.optimizer.apply(g.params, g.grads);
    return loss;
  }

  discriminate(points: Float32Array, count: number): Float32Array {
    const { logits } = this.runDiscriminator(points, count);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = sigmoid(logits[i]!);
    return out;
  }

  generate(latents: Float32Array, count: number): Float32Array {
    const out = new Float32Array(count * 2);
    this.runGenerator(latents, count, out);
    return out;
  }

  generatorPush(latents: Float32Array, count: number): GeneratorPush {
    // Per point, not averaged over the batch: an arrow shows what G's loss at that one point asks for.
    const { gradPoints, points } = this.generatorGradient(latents, count, 1);
    const push = new Float32Array(count * 2);
    for (let i = 0; i < push.length; i++) push[i] = -gradPoints[i]!;
    return { points: points.slice(), push };
  }

  async exportState(): Promise<LabEngineState> {
    return { generator: this.generator.state(), discriminator: this.discriminator.state() };
  }

  dispose(): void {}

  /** G's loss on `count` latents and its gradient at each generated point, each point's slope times `weight`. */
  private generatorGradient(latents: Float32Array, count: number, weight: number) {
    const points = this.scratch.take('g.points', count * 2);
    const hidden = this.runGenerator(latents, count, points);
    const d = this.discriminator;
    const { hidden: dHidden, logits } = this.runDiscriminator(points, count);
    const slopes = this.scratch.take('g.slopes', count);
    let loss = 0;
    for (let i = 0; i < count; i++) {
      const term = generatorTerm(this.loss, logits[i]!);
      loss += term.value / count;
      slopes[i] = term.slope * weight;
    }
    const gradPoints = this.scratch.take('g.gradPoints', count * 2);
    // D's weight gradients are a by-product here; they land in scratch and are dropped.
    const unusedGrads = this.scratch.take('g.dGrads', d.params.length);
    mlpBackward(
      d.shape,
      d.params,
      points,
      count,
      dHidden,
      slopes,
      unusedGrads,
      this.scratch.take('g.dgh', count * d.shape.hidden),
      gradPoints,
    );
    return { loss, gradPoints, hidden, points };
  }

  /** Writes G's output for `count` latents into `out`; returns G's hidden activations (scratch). */
  private runGenerator(latents: Float32Array, count: number, out: Float32Array): Float32Array {
    const g = this.generator;
    const hidden = this.scratch.take('g.hidden', count * g.shape.hidden);
    mlpForward(g.shape, g.params, latents, count, hidden, out);
    return hidden;
  }

  private runDiscriminator(points: Float32Array, count: number) {
    const d = this.discriminator;
    const hidden = this.scratch.take('d.hidden', count * d.shape.hidden);
    const logits = this.scratch.take('d.logits', count);
    mlpForward(d.shape, d.params, points, count, hidden, logits);
    return { hidden, logits };
  }
}
