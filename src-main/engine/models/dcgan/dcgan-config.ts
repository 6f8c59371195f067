import { z } from 'zod';

/**
 * Every setting of a DCGAN run, with its default, in one place. The defaults are chosen for what our users
 * have: a folder of 100 to 5,000 images and a laptop CPU. The validated config is saved into every run.
 */
export const dcganConfigSchema = z
  .object({
    model: z.literal('dcgan').default('dcgan'),
    /** Square image size in pixels; must match the dataset's size. */
    imageSize: z.union([z.literal(32), z.literal(64), z.literal(128)]).default(32),
    /** Length of the random vector each image is made from. */
    latentSize: z.number().int().min(2).max(512).default(64),
    /** Channels of the generator's last hidden layer; each layer nearer the 4x4 start has twice as many. */
    generatorWidth: z.number().int().min(4).max(256).default(32),
    /** Channels of the discriminator's first layer; each later layer has twice as many. */
    discriminatorWidth: z.number().int().min(4).max(256).default(32),
    /** No layer gets more channels than this, which keeps 128 px models laptop-sized. */
    maxChannels: z.number().int().min(8).max(1024).default(256),

    /** Total training steps (one discriminator and one generator update each). */
    steps: z.number().int().min(1).max(10_000_000).default(5000),
    /** Images per step. 32 trains well on small folders and keeps a laptop responsive. */
    batchSize: z.number().int().min(1).max(1024).default(32),
    /** Adam with beta1 0.5: the DCGAN paper's setting, which damps the oscillation of the two-player game. */
    learningRateG: z.number().positive().max(1).default(2e-4),
    learningRateD: z.number().positive().max(1).default(2e-4),
    beta1: z.number().min(0).max(0.9999).default(0.5),
    beta2: z.number().min(0).max(0.99999).default(0.999),
    adamEpsilon: z.number().positive().default(1e-8),
    /** Momentum of the batch-norm running statistics used when sampling. */
    batchNormMomentum: z.number().min(0).max(1).default(0.9),

    /**
     * Differentiable augmentation (DiffAugment) of every image D sees, real and fake, so D can't memorize a small
     * folder; the generator is trained through the same augmentations, so they don't leak into its images.
     */
    augment: z
      .object({
        color: z.boolean().default(true),
        translation: z.boolean().default(true),
        cutout: z.boolean().default(true),
        /** Largest shift, as a fraction of the image size. */
        translationRatio: z.number().min(0).max(0.5).default(0.125),
        /** Side of the square cut out, as a fraction of the image size. */
        cutoutRatio: z.number().min(0).max(1).default(0.5),
      })
      .prefault({}),
    /** Sampling uses an exponential moving average of G's weights: smoother, better images than the raw G. */
    emaDecay: z.number().min(0).max(1).default(0.999),

    /** Random seed of the run: weights, batches, latents and augmentation all derive from it. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(0),
    /** Report losses every this many steps. */
    progressEvery: z.number().int().min(1).default(10),
    /** Save a preview grid from fixed seeds every this many steps. */
    previewEvery: z.number().int().min(1).default(100),
    previewCount: z.number().int().min(1).max(64).default(16),
    /** Write a checkpoint every this many steps; the last `keepCheckpoints` are kept. */
    checkpointEvery: z.number().int().min(1).default(500),
    keepCheckpoints: z.number().int().min(1).max(100).default(3),
    /** On a non-finite loss: go back to the last checkpoint, multiply the learning rates by this, and warn. */
    rollbackLearningRateFactor: z.number().gt(0).lt(1).default(0.5),
    maxRollbacks: z.number().int().min(0).default(3),
  })
  .strict();

export type DcganConfig = z.output<typeof dcganConfigSchema>;
export type DcganConfigInput = z.input<typeof dcganConfigSchema>;

export const DCGAN_DEFAULTS: DcganConfig = dcganConfigSchema.parse({});
