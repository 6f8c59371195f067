import { z } from 'zod';
import { parseWithClearErrors } from '../config-errors';

/**
 * Every setting of the Lab's 2-D GAN, with its default, in one place. The defaults are the introduction's
 * tiny Keras GAN: G = latent -> Dense(15, relu, he_uniform) -> Dense(2, linear), D = 2 -> Dense(25, relu,
 * he_uniform) -> Dense(1, sigmoid), Adam, binary cross-entropy, batches of 128, a 5-D normal latent; only the
 * learning rate differs (see below).
 */

export const TARGET_NAMES = ['ring', 'grid', 'moons', 'line', 'spiral', 'drawn'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export const OPTIMIZER_NAMES = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * 'log' is the non-saturating log loss (G maximizes log D(G(z))); 'least-squares' is LSGAN's squared error;
 * 'minimax' is the original saturating game (G minimizes log(1 - D(G(z)))), kept because it shows G's
 * gradients vanishing as soon as D wins.
 */
export const LOSS_NAMES = ['log', 'least-squares', 'minimax'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

export const NOISE_NAMES = ['normal', 'uniform'] as const;
export type NoiseName = (typeof NOISE_NAMES)[number];

const learningRate = z.number().positive().max(10);
const updatesPerIteration = z.number().int().min(1).max(20);

export const labConfigSchema = z
  .object({
    target: z.enum(TARGET_NAMES).default('ring'),
    /** Length of G's random input. 5 in the introduction; the warped grid shows a 2-D slice of it when > 2. */
    latentSize: z.number().int().min(1).max(16).default(5),
    /** N(0, 1) in the introduction (numpy's randn); 'uniform' draws from [-1, 1]. */
    noise: z.enum(NOISE_NAMES).default('normal'),
    generatorHidden: z.number().int().min(1).max(128).default(15),
    discriminatorHidden: z.number().int().min(1).max(128).default(25),

    /** Adam with Keras's betas (0.9, 0.999), as the introduction compiles both networks. */
    generatorOptimizer: z.enum(OPTIMIZER_NAMES).default('adam'),
    discriminatorOptimizer: z.enum(OPTIMIZER_NAMES).default('adam'),
    /**
     * 3x Keras's default of 0.001: on the ring the introduction's rate needs 6,000 to 16,000 iterations to cover
     * all eight modes, this one 3,000 to 5,000 (measured over seeds 1-5), which is a few seconds in the view.
     * 0.001 is one click away in the view.
     */
    generatorLearningRate: learningRate.default(0.003),
    discriminatorLearningRate: learningRate.default(0.003),
    loss: z.enum(LOSS_NAMES).default('log'),
    /** D updates, then G updates, per iteration; 1 and 1 as in the introduction. */
    discriminatorSteps: updatesPerIteration.default(1),
    generatorSteps: updatesPerIteration.default(1),
    /**
     * The introduction's n_batch: each D update sees half real and half generated points; each G update
     * generates this many.
     */
    batchSize: z.number().int().min(2).max(1024).multipleOf(2).default(128),

    /** Seeds the weights, every batch and every latent: the same seed replays the same run. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
  })
  .strict();

export type LabConfig = z.output<typeof labConfigSchema>;
export type LabConfigInput = z.input<typeof labConfigSchema>;

export const LAB_DEFAULTS: LabConfig = labConfigSchema.parse({});

/** Adam's moments decay as in Keras and tf.train.adam; epsilon is tfjs's float32 default. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-7;

/** Settings that change the shape of a network or its initial weights: changing one starts a new run. */
export const ARCHITECTURE_KEYS = ['latentSize', 'generatorHidden', 'discriminatorHidden', 'seed'] as const;

export function changesArchitecture(change: Partial<LabConfig>): boolean {
  return ARCHITECTURE_KEYS.some((key) => key in change);
}

/** Validates a merged config; throws an Error naming each bad field. */
export function parseLabConfig(input: unknown): LabConfig {
  return parseWithClearErrors(labConfigSchema, input, 'Lab settings');
}
