import { z } from 'zod';

/*
 * The settings pix2pix and CycleGAN share, with their defaults in one commented place; each model's config
 * adds its own. Defaults follow the papers where a laptop can afford them.
 */

const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

export const translationSettings = {
  /** Square tile size in pixels the networks work at; photos of any size are translated tile by tile. */
  imageSize: z
    .union([z.literal(64), z.literal(128), z.literal(256)], {
      error: 'translation models work at 64, 128 or 256 px: import the images at one of those sizes',
    })
    .default(64),
  /** Channels of the generator's first layer; deeper layers have more, up to maxChannels. */
  generatorWidth: z.number().int().min(2).max(256).default(32),
  /** Channels of the discriminator's first layer. */
  discriminatorWidth: z.number().int().min(2).max(256).default(32),
  /** No layer gets more channels than this, which keeps 256 px models laptop-sized. */
  maxChannels: z.number().int().min(4).max(1024).default(256),
  /** Stride-2 layers of the PatchGAN discriminator: 3 judges 70x70 px patches, as in the papers. */
  discriminatorLayers: z.number().int().min(1).max(5).default(3),
  /** Momentum of the generator's batch-norm running statistics, which translation uses. */
  batchNormMomentum: z.number().min(0).max(1).default(0.9),

  /** Total training steps. */
  steps: z.number().int().min(1).max(10_000_000).default(5000),
  /** Pairs (or images of each side) per step. Batch norm needs a few; 4 is light on a laptop. */
  batchSize: z.number().int().min(1).max(256).default(4),
  /** Adam with beta1 0.5, as in both papers. */
  learningRateG: z.number().positive().max(1).default(2e-4),
  learningRateD: z.number().positive().max(1).default(2e-4),
  beta1: z.number().min(0).max(0.9999).default(0.5),
  beta2: z.number().min(0).max(0.99999).default(0.999),
  adamEpsilon: z.number().positive().default(1e-8),
  /**
   * The learning rates stay constant for this fraction of the steps, then fall linearly to zero at the last
   * step (the papers' schedule). 1 keeps them constant.
   */
  decayFrom: z.number().min(0).max(1).default(0.5),

  /** Random seed of the run: weights, batch order, dropout and the history pool all derive from it. */
  seed: seed.default(0),
  /** Report losses every this many steps. */
  progressEvery: z.number().int().min(1).default(10),
  /** Save a preview (input | output | target rows from held-out pairs) every this many steps. */
  previewEvery: z.number().int().min(1).default(100),
  /** Rows of the preview. */
  previewCount: z.number().int().min(1).max(16).default(4),
  /** Write a checkpoint every this many steps; the last `keepCheckpoints` are kept. */
  checkpointEvery: z.number().int().min(1).default(500),
  keepCheckpoints: z.number().int().min(1).max(100).default(3),
  /** On a non-finite loss: go back to the last checkpoint, multiply the learning rates by this, and warn. */
  rollbackLearningRateFactor: z.number().gt(0).lt(1).default(0.5),
  maxRollbacks: z.number().int().min(0).default(3),
};

/** The schedule's factor for the step after `completedSteps`: 1, then a straight line down to 0 at the end. */
export function learningRateDecay(completedSteps: number, totalSteps: number, decayFrom: number): number {
  const decayStart = Math.floor(totalSteps * decayFrom);
  if (completedSteps < decayStart || decayStart >= totalSteps) return 1;
  return Math.max(0, 1 - (completedSteps - decayStart) / (totalSteps - decayStart));
}
