import type * as tf from '@tensorflow/tfjs';

/** What one training step reports, read back from the backend. Every model has at least these four. */
export interface StepMetrics {
  dLoss: number;
  gLoss: number;
  /** Mean D output (probability "real") on real and on generated images. */
  dReal: number;
  dFake: number;
  [extra: string]: number;
}

/** An 8-bit RGB image in memory, row-major, 3 bytes a pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The tensors of a checkpoint, as plain arrays (what a checkpoint file holds). */
export type TensorValues = Map<string, { shape: number[]; values: Float32Array }>;

/**
 * A model under training, as the training loop sees it. The loop owns time, events, checkpoints and rollback;
 * the trainer owns the networks, their optimizers and what a step is.
 */
export interface GanTrainer {
  /** Images consumed per step, for images/s. */
  readonly imagesPerStep: number;
  /** Runs the step that follows `completedSteps` steps; its randomness is fixed by the seed and that index. */
  trainStep(completedSteps: number, learningRateScale: number): Promise<StepMetrics>;
  /** Every tensor a checkpoint must hold to resume exactly, by unique name (views, not copies). */
  stateTensors(): Map<string, tf.Tensor>;
  /** Counters a checkpoint must hold, such as optimizer step counts. */
  stateCounters(): Record<string, number>;
  restoreState(tensors: TensorValues, counters: Record<string, number>): void;
  /** The preview grid from the fixed preview seeds, made with the generator used for sampling. */
  renderPreview(): Promise<RgbImage>;
  dispose(): void;
}
