import type { AdvancedSettings, TrainingPreset } from '../../../shared/studio-api';
import { DCGAN_DEFAULTS } from './dcgan-config';

/**
 * The three starting points the app offers. Step counts are sized for a laptop CPU on the wasm backend: a quick
 * run finishes over a coffee, a standard one in an afternoon, a detailed one overnight.
 */
export const DCGAN_PRESETS: TrainingPreset[] = [
  {
    id: 'quick',
    title: 'Quick',
    description: '32 px, to see what the folder gives in minutes',
    imageSize: 32,
    steps: 2000,
    batchSize: 32,
  },
  {
    id: 'standard',
    title: 'Standard',
    description: '64 px, recognisable images in a few hours',
    imageSize: 64,
    steps: 10_000,
    batchSize: 32,
  },
  {
    id: 'detailed',
    title: 'Detailed',
    description: '128 px, the most detail; best left running overnight',
    imageSize: 128,
    steps: 20_000,
    batchSize: 16,
  },
];

export const DCGAN_ADVANCED_DEFAULTS: AdvancedSettings = {
  steps: DCGAN_DEFAULTS.steps,
  batchSize: DCGAN_DEFAULTS.batchSize,
  learningRateG: DCGAN_DEFAULTS.learningRateG,
  learningRateD: DCGAN_DEFAULTS.learningRateD,
  augment:
    DCGAN_DEFAULTS.augment.color && DCGAN_DEFAULTS.augment.translation && DCGAN_DEFAULTS.augment.cutout,
  emaDecay: DCGAN_DEFAULTS.emaDecay,
};

/** The model config for a preset plus the Advanced panel's overrides. */
export function dcganConfigFromPreset(
  presetId: TrainingPreset['id'],
  advanced: Partial<AdvancedSettings> = {},
) {
  const preset = DCGAN_PRESETS.find((p) => p.id === presetId);
  if (!preset)
    throw new Error(`unknown preset "${presetId}" (have: ${DCGAN_PRESETS.map((p) => p.id).join(', ')})`);
  const augment = advanced.augment ?? true;
  const steps = advanced.steps ?? preset.steps;
  return {
    imageSize: preset.imageSize,
    steps,
    // About 50 previews and 200 chart points over any run, however long, so the dashboard always moves.
    previewEvery: clamp(Math.round(steps / 50), 10, 500),
    progressEvery: clamp(Math.floor(steps / 200), 1, 25),
    batchSize: advanced.batchSize ?? preset.batchSize,
    learningRateG: advanced.learningRateG ?? DCGAN_DEFAULTS.learningRateG,
    learningRateD: advanced.learningRateD ?? DCGAN_DEFAULTS.learningRateD,
    emaDecay: advanced.emaDecay ?? DCGAN_DEFAULTS.emaDecay,
    augment: { color: augment, translation: augment, cutout: augment },
    seed: advanced.seed ?? Math.floor(Math.random() * 2 ** 32),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
