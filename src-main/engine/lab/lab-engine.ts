import type { AdamState } from './flat-optimizers';
import type { LabConfig } from './lab-config';
import type { MlpShape } from './mlp';

/**
 * What trains and probes the Lab's two networks. Two implementations compute the same thing: 'plain' (loops
 * over Float32Arrays, what the view trains with by default) and 'tfjs' (TensorFlow.js variables, autodiff and
 * tf.train optimizers, the reference the tests hold the plain one to). The session draws every random number
 * and passes it in, so both engines see identical batches and a seed replays a run on either.
 */
export const COMPUTE_NAMES = ['plain', 'tfjs'] as const;
export type ComputeName = (typeof COMPUTE_NAMES)[number];

/** One network's weights (flat, Keras order: see mlp.ts) and its optimizer's state. */
export interface NetworkState {
  params: Float32Array;
  /** Present when the network trains with Adam and has taken at least one step. */
  adam?: AdamState;
}

export interface LabEngineState {
  generator: NetworkState;
  discriminator: NetworkState;
}

export interface DiscriminatorUpdate {
  loss: number;
  /** Mean D(x) over the batch's real and generated points, before the update. */
  realScore: number;
  fakeScore: number;
}

export interface GeneratorPush {
  /** The generated points, interleaved (x, y). */
  points: Float32Array;
  /** -d loss_G / d x at each point: the way G's gradient pulls that point, interleaved (dx, dy). */
  push: Float32Array;
}

export interface LabEngine {
  readonly compute: ComputeName;
  /** Applies learning rates, optimizers and the loss; a network whose optimizer changes starts it afresh. */
  configure(config: LabConfig): void;
  /** One D update on `count` real points and `count` points generated from `latents`. */
  trainDiscriminator(real: Float32Array, latents: Float32Array, count: number): DiscriminatorUpdate;
  /** One G update on `count` latents; returns G's loss before the update. */
  trainGenerator(latents: Float32Array, count: number): number;
  /** D's probability that each point is real. */
  discriminate(points: Float32Array, count: number): Float32Array;
  generate(latents: Float32Array, count: number): Float32Array;
  generatorPush(latents: Float32Array, count: number): GeneratorPush;
  exportState(): Promise<LabEngineState>;
  dispose(): void;
}

export function generatorShape(config: LabConfig): MlpShape {
  return { inputs: config.latentSize, hidden: config.generatorHidden, outputs: 2 };
}

export function discriminatorShape(config: LabConfig): MlpShape {
  return { inputs: 2, hidden: config.discriminatorHidden, outputs: 1 };
}
