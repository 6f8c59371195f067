import type {
  LabConfig,
  LossName,
  NoiseName,
  OptimizerName,
  TargetName,
} from '../../../src-main/engine/lab/lab-config';
import type { ComputeName } from '../../../src-main/engine/lab/lab-engine';

/** The choices the Lab's controls offer, with the words a person sees. */

const option = <T>(value: T, label: string) => ({ value, label });

export const TARGET_OPTIONS = [
  option<TargetName>('ring', 'Ring of 8 Gaussians'),
  option<TargetName>('grid', 'Grid of 25 Gaussians'),
  option<TargetName>('moons', 'Two moons'),
  option<TargetName>('line', 'Line'),
  option<TargetName>('spiral', 'Spiral'),
  option<TargetName>('drawn', 'Draw your own'),
];

/** Log-spaced, from too timid to certain to break things; the defaults sit in the middle. */
export const LEARNING_RATE_OPTIONS = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3].map((rate) =>
  option(rate, String(rate)),
);

export const OPTIMIZER_OPTIONS = [option<OptimizerName>('adam', 'Adam'), option<OptimizerName>('sgd', 'SGD')];

export const LOSS_OPTIONS = [
  option<LossName>('log', 'Log loss (non-saturating)'),
  option<LossName>('least-squares', 'Least squares'),
  option<LossName>('minimax', 'Log loss, saturating (minimax)'),
];

export const NOISE_OPTIONS = [option<NoiseName>('normal', 'Normal'), option<NoiseName>('uniform', 'Uniform')];

export const STEP_OPTIONS = [1, 2, 3, 5, 10].map((steps) => option(steps, String(steps)));

export const BATCH_OPTIONS = [16, 32, 64, 128, 256, 512].map((size) => option(size, String(size)));

export const LATENT_OPTIONS = [1, 2, 3, 5, 8, 16].map((size) => option(size, String(size)));

export const HIDDEN_OPTIONS = [4, 8, 15, 25, 32, 64, 128].map((size) => option(size, String(size)));

export const COMPUTE_OPTIONS = [
  option<ComputeName>('plain', 'Plain JavaScript (fast)'),
  option<ComputeName>('tfjs', 'TensorFlow.js (cpu)'),
];

/** Options that include the current value even when it is not one of the presets (a config set elsewhere). */
export function withCurrent<T extends string | number>(
  options: readonly { value: T; label: string }[],
  current: T,
) {
  if (options.some((o) => o.value === current)) return options;
  const all = [...options, option(current, String(current))];
  return typeof current === 'number' ? all.sort((a, b) => Number(a.value) - Number(b.value)) : all;
}

/** One row of a settings form: which setting, its label, its choices. */
export interface SettingRow<K extends keyof LabConfig = keyof LabConfig> {
  key: K;
  label: string;
  options: readonly { value: LabConfig[K]; label: string }[];
}

export function settingRow<K extends keyof LabConfig>(
  key: K,
  label: string,
  options: readonly { value: LabConfig[K]; label: string }[],
): SettingRow {
  return { key, label, options } as SettingRow;
}

export const TRAINING_ROWS: SettingRow[] = [
  settingRow('target', 'Target', TARGET_OPTIONS),
  settingRow('discriminatorLearningRate', 'D learning rate', LEARNING_RATE_OPTIONS),
  settingRow('generatorLearningRate', 'G learning rate', LEARNING_RATE_OPTIONS),
  settingRow('discriminatorOptimizer', 'D optimizer', OPTIMIZER_OPTIONS),
  settingRow('generatorOptimizer', 'G optimizer', OPTIMIZER_OPTIONS),
  settingRow('loss', 'Loss', LOSS_OPTIONS),
  settingRow('discriminatorSteps', 'D steps per iteration', STEP_OPTIONS),
  settingRow('generatorSteps', 'G steps per iteration', STEP_OPTIONS),
  settingRow('noise', 'Noise', NOISE_OPTIONS),
  settingRow('batchSize', 'Batch size', BATCH_OPTIONS),
];

/** Settings that change a network's shape: changing one starts over (the seed is a number field of its own). */
export const NETWORK_ROWS: SettingRow[] = [
  settingRow('latentSize', 'Latent size', LATENT_OPTIONS),
  settingRow('generatorHidden', 'G hidden units', HIDDEN_OPTIONS),
  settingRow('discriminatorHidden', 'D hidden units', HIDDEN_OPTIONS),
];
