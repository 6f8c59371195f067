import { z } from 'zod';
import { translationSettings } from '../image-translation/translation-settings';

/**
 * Every setting of a CycleGAN run, with its default: the ones it shares with pix2pix are in
 * translation-settings.ts, these are its own. The validated config is saved into every run.
 *
 * Normalization: batch norm with running statistics in the generators, for the reason given in
 * pix2pix-config.ts (tiles of one photo must be translated by one fixed function to blend without seams).
 */
export const cycleganConfigSchema = z
  .object({
    model: z.literal('cyclegan').default('cyclegan'),
    ...translationSettings,
    /** Residual blocks in each generator: 6 as in the paper's 128 px model (it uses 9 at 256 px). */
    residualBlocks: z.number().int().min(0).max(16).default(6),
    /** Weight of the cycle loss |F(G(a)) - a| + |G(F(b)) - b| next to the least-squares adversarial losses. */
    cycleWeight: z.number().min(0).max(1000).default(10),
    /** Weight of the identity loss |G(b) - b| + |F(a) - a|, which keeps colours put: half the cycle weight. */
    identityWeight: z.number().min(0).max(1000).default(5),
    /** Generated images each discriminator also sees from earlier steps (0 turns the history off). */
    historySize: z.number().int().min(0).max(500).default(50),
  })
  .strict();

export type CycleganConfig = z.output<typeof cycleganConfigSchema>;
export type CycleganConfigInput = z.input<typeof cycleganConfigSchema>;
