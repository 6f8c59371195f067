import type { AdvancedSettings, ModelChoice, ModelId, TrainingPreset } from '../../shared/studio-api';
import { DCGAN_DEFAULTS } from './dcgan/dcgan-config';

/*
 * The starting points the app offers for each model. Step counts are sized for a laptop CPU on the wasm
 * backend: a quick run finishes over a coffee, a standard one in an afternoon, a detailed one overnight.
 */

const DCGAN_PRESETS: TrainingPreset[] = [
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

const TRANSLATION_PRESETS: TrainingPreset[] = [
  {
    id: 'quick',
    title: 'Quick',
    description: '64 px tiles, a first look in about half an hour',
    imageSize: 64,
    steps: 2000,
    batchSize: 4,
  },
  {
    id: 'standard',
    title: 'Standard',
    description: '128 px tiles, sharper; several hours',
    imageSize: 128,
    steps: 6000,
    batchSize: 4,
  },
  {
    id: 'detailed',
    title: 'Detailed',
    description: '256 px tiles, the most detail; a day or more',
    imageSize: 256,
    steps: 8000,
    batchSize: 2,
  },
];

const SHARED_DEFAULTS = { learningRateG: 2e-4, learningRateD: 2e-4 };

export const MODEL_CHOICES: ModelChoice[] = [
  {
    id: 'dcgan',
    title: 'New images (DCGAN)',
    description: 'Learns to make images like the ones in a folder.',
    trainsOn: 'images',
    presets: DCGAN_PRESETS,
    defaults: {
      steps: DCGAN_DEFAULTS.steps,
      batchSize: DCGAN_DEFAULTS.batchSize,
      learningRateG: DCGAN_DEFAULTS.learningRateG,
      learningRateD: DCGAN_DEFAULTS.learningRateD,
      augment: true,
      emaDecay: DCGAN_DEFAULTS.emaDecay,
    },
  },
  {
    id: 'pix2pix',
    title: 'Translate matched pairs (pix2pix)',
    description: 'Learns to turn each A image into its B partner, e.g. day into night, from matched pairs.',
    trainsOn: 'paired',
    presets: TRANSLATION_PRESETS,
    defaults: { steps: 5000, batchSize: 4, ...SHARED_DEFAULTS },
  },
  {
    id: 'cyclegan',
    title: 'Translate without pairs (CycleGAN)',
    description: 'Learns both directions between two sets of images that need not match one to one.',
    trainsOn: 'paired-or-unpaired',
    presets: TRANSLATION_PRESETS.map((preset) => ({
      ...preset,
      batchSize: 1,
      steps: Math.round(preset.steps * 1.5),
    })),
    defaults: { steps: 5000, batchSize: 1, ...SHARED_DEFAULTS },
  },
];

export function modelChoice(id: ModelId): ModelChoice {
  const choice = MODEL_CHOICES.find((m) => m.id === id);
  if (!choice) throw new Error(`unknown model "${id}"`);
  return choice;
}

/** The model config for a preset plus the Advanced panel's overrides. */
export function configFromPreset(
  model: ModelId,
  presetId: TrainingPreset['id'],
  advanced: Partial<AdvancedSettings> = {},
) {
  const choice = modelChoice(model);
  const preset = choice.presets.find((p) => p.id === presetId);
  if (!preset)
    throw new Error(`unknown preset "${presetId}" (have: ${choice.presets.map((p) => p.id).join(', ')})`);
  const steps = advanced.steps ?? preset.steps;
  const common = {
    imageSize: preset.imageSize,
    steps,
    batchSize: advanced.batchSize ?? preset.batchSize,
    learningRateG: advanced.learningRateG ?? choice.defaults.learningRateG,
    learningRateD: advanced.learningRateD ?? choice.defaults.learningRateD,
    seed: advanced.seed ?? Math.floor(Math.random() * 2 ** 32),
    // About 50 previews and 200 chart points over any run, however long, so the dashboard always moves.
    previewEvery: clamp(Math.round(steps / 50), 10, 500),
    progressEvery: clamp(Math.floor(steps / 200), 1, 25),
  };
  if (model !== 'dcgan') return common;
  const augment = advanced.augment ?? true;
  return {
    ...common,
    emaDecay: advanced.emaDecay ?? DCGAN_DEFAULTS.emaDecay,
    augment: { color: augment, translation: augment, cutout: augment },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
