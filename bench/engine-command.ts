import type { BackendChoice } from '../src-main/engine/backends/backend-info';
import type { EngineName } from './bench-result';
import type { PlannedRun } from './bench-plan';
import { shapeArgs } from './reference-dcgan';

const BACKEND_CHOICE: Record<Exclude<EngineName, 'torch'>, BackendChoice> = {
  tensorflow: 'node',
  wasm: 'wasm',
  cpu: 'cpu',
};

export interface ChildCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** The child process that measures one planned run; paths are relative to the repository root (its cwd). */
export function engineCommand(run: PlannedRun, python: string | undefined): ChildCommand {
  const common = [`--batch=${run.batch}`, `--warmup=${run.warmup}`, `--steps=${run.steps}`];
  if (run.step === 'diffaugment') common.push('--augment');
  if (run.model === 'pix2pix64') {
    if (run.engine === 'torch') throw new Error('pix2pix64 has no PyTorch reference');
    return {
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        'bench/tfjs-pix2pix.ts',
        `--backend=${BACKEND_CHOICE[run.engine]}`,
        ...common,
        ...(run.threads === undefined ? [] : [`--threads=${run.threads}`]),
      ],
      env: process.env,
    };
  }
  if (run.engine === 'torch') {
    if (!python) throw new Error('no Python with torch to run the PyTorch reference');
    const env = { ...process.env };
    if (run.libraryPath)
      env.LD_LIBRARY_PATH = [run.libraryPath, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    return {
      command: python,
      args: ['bench/dcgan_torch.py', `--threads=${run.threads ?? 1}`, ...shapeArgs(run.model), ...common],
      env,
    };
  }
  // The same Node, with tsx as a loader: a fresh process per engine, so backends and memory don't mix.
  return {
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      'bench/tfjs-dcgan.ts',
      `--backend=${BACKEND_CHOICE[run.engine]}`,
      `--model=${run.model}`,
      ...common,
      `--preview=${run.previewRepeats ?? 0}`,
      ...(run.threads === undefined ? [] : [`--threads=${run.threads}`]),
      ...(run.profileSteps ? [`--profile=${run.profileSteps}`] : []),
    ],
    env: process.env,
  };
}
