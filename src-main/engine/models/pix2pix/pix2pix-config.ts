import { z } from 'zod';
import { translationSettings } from '../image-translation/translation-settings';

/**
 * Every setting of a pix2pix run, with its default: the ones it shares with CycleGAN are in
 * translation-settings.ts, these are its own. The validated config is saved into every run.
 *
 * Normalization: batch norm in the generator, with running statistics used whenever it translates. Photos are
 * translated tile by tile, and with running statistics the generator is one fixed function of its input, so
 * two overlapping tiles agree where they overlap and the blend between them is invisible. Instance norm (the
 * other usual choice) would rescale each tile by its own contrast, and neighbouring tiles would disagree.
 */
export const pix2pixConfigSchema = z
  .object({
    model: z.literal('pix2pix').default('pix2pix'),
    ...translationSettings,
    /** Weight of the L1 distance to the target next to the adversarial loss: 100, as in the paper. */
    l1Weight: z.number().min(0).max(10_000).default(100),
    /** Dropout on three inner decoder layers while training: the generator's only source of noise. */
    dropout: z.number().min(0).max(0.9).default(0.5),
  })
  .strict();

export type Pix2pixConfig = z.output<typeof pix2pixConfigSchema>;
export type Pix2pixConfigInput = z.input<typeof pix2pixConfigSchema>;
