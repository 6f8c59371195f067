import type { BenchArgs } from './bench-args';
import type { EngineName, StepKind } from './bench-result';
import type { ModelName } from './reference-dcgan';

/** The reference DCGANs (with a PyTorch peer), and pix2pix-64 (TensorFlow.js engines only: bench/tfjs-pix2pix.ts). */
export type BenchModel = ModelName | 'pix2pix64';

/** One child process to run: which engine trains which workload, for how many steps. */
export interface PlannedRun {
  engine: EngineName;
  model: BenchModel;
  step: StepKind;
  batch: number;
  warmup: number;
  steps: number;
  /** Threads: PyTorch's (torch.set_num_threads) or wasm's; tfjs-node and the cpu backend choose their own. */
  threads?: number;
  /** torch only: a folder put first on LD_LIBRARY_PATH, to load another BLAS (--torch-blas). */
  libraryPath?: string;
  /** Timed preview grids after training (tfjs only); 0 for none. */
  previewRepeats?: number;
  /** Steps to profile kernel by kernel after the timed ones (tfjs only, --profile). */
  profileSteps?: number;
}

interface Workload {
  model: BenchModel;
  /** Images (pairs for pix2pix) per step; BATCH when absent. */
  batch?: number;
  /** No PyTorch peer and no token cpu run: measured on the TensorFlow.js backends only. */
  tfjsOnly?: boolean;
  step: StepKind;
  warmup: number;
  steps: number;
  quickSteps: number;
  previewRepeats: number;
}

/*
 * Sized for about four minutes on a 2-core machine: wasm takes ~0.75 s per DCGAN-32 step and ~3.1 s per DCGAN-64
 * step, PyTorch 0.8 and 4.5 s on the reference BLAS, 0.15 and 0.7 s on OpenBLAS (docs/performance.md). The
 * DCGAN-32 plain step is the headline number, so it gets the most steps.
 */
const WORKLOADS: Workload[] = [
  { model: 'dcgan32', step: 'plain', warmup: 3, steps: 20, quickSteps: 2, previewRepeats: 5 },
  { model: 'dcgan32', step: 'diffaugment', warmup: 2, steps: 10, quickSteps: 2, previewRepeats: 0 },
  { model: 'dcgan64', step: 'plain', warmup: 2, steps: 5, quickSteps: 1, previewRepeats: 3 },
  // The default pix2pix at its default batch, as `gan-studio train --model pix2pix` runs it: ~0.9 s a step on wasm.
  {
    model: 'pix2pix64',
    step: 'plain',
    batch: 4,
    warmup: 2,
    steps: 10,
    quickSteps: 1,
    previewRepeats: 0,
    tfjsOnly: true,
  },
];

/** The cpu backend is ~0.3 images/s: a token run of the headline workload at a small batch is all it gets. */
const CPU_RUN: PlannedRun = {
  engine: 'cpu',
  model: 'dcgan32',
  step: 'plain',
  batch: 16,
  warmup: 0,
  steps: 2,
};
const BATCH = 64;
const TORCH_THREADS = [1, 2];

/** Profiled steps per run: one step's kernel times vary by a few percent, so the table averages three. */
const PROFILE_STEPS = 3;

/**
 * --profile: each TensorFlow.js engine (wasm at each thread count) on the DCGAN-32 steps, timed briefly and then
 * profiled kernel by kernel. PyTorch has no kernel profile here.
 */
export function planProfileRuns(args: BenchArgs): PlannedRun[] {
  return planRuns({ ...args, engines: new Set([...args.engines].filter((e) => e !== 'torch')) })
    .filter((run) => run.model === 'dcgan32' && run.engine !== 'cpu')
    .map((run) => ({ ...run, steps: args.quick ? 1 : 5, previewRepeats: 0, profileSteps: PROFILE_STEPS }));
}

/**
 * Runs grouped by workload, so peers are measured minutes apart at most: a busy machine then slows the numbers
 * that get compared together, not just one side of the ratio.
 */
export function planRuns(args: BenchArgs): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const workload of WORKLOADS) {
    const steps = args.steps ?? (args.quick ? workload.quickSteps : workload.steps);
    const warmup = args.quick ? 1 : workload.warmup;
    const base = {
      model: workload.model,
      step: workload.step,
      batch: workload.batch ?? BATCH,
      warmup,
      steps,
    };
    const previewRepeats = args.quick ? Math.min(1, workload.previewRepeats) : workload.previewRepeats;
    if (args.engines.has('tensorflow')) runs.push({ ...base, engine: 'tensorflow', previewRepeats });
    if (args.engines.has('wasm')) {
      for (const threads of args.wasmThreads) runs.push({ ...base, engine: 'wasm', threads, previewRepeats });
    }
    if (args.engines.has('torch') && !workload.tfjsOnly) {
      for (const threads of TORCH_THREADS) runs.push({ ...base, engine: 'torch', threads });
      if (args.torchBlas) {
        for (const threads of TORCH_THREADS)
          runs.push({ ...base, engine: 'torch', threads, libraryPath: args.torchBlas });
      }
    }
    if (args.engines.has('cpu') && workload === WORKLOADS[0]) {
      runs.push(args.quick ? { ...CPU_RUN, steps: 1 } : CPU_RUN);
    }
  }
  return runs;
}

export function describeRun(run: PlannedRun): string {
  const threads = run.threads === undefined ? '' : ` ${run.threads} thread${run.threads === 1 ? '' : 's'}`;
  const profile = run.profileSteps ? `, then ${run.profileSteps} profiled` : '';
  const blas = run.libraryPath ? ` (BLAS from ${run.libraryPath})` : '';
  return `${run.engine}${threads}${blas}, ${run.model} ${run.step} step, batch ${run.batch}, ${run.warmup} warm-up + ${run.steps} timed steps${profile}`;
}
