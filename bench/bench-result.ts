import type { TrainingProfile } from './kernel-profile';

/**
 * What one engine run reports: the JSON line a child process prints, which `npm run bench -- --json` passes
 * on unchanged. The same shape comes from the TensorFlow.js child (tfjs-dcgan.ts) and the PyTorch one
 * (dcgan_torch.py), so keep the two in step.
 */

/** tensorflow is native TensorFlow through tfjs-node; torch is the PyTorch reference. */
export type EngineName = 'tensorflow' | 'wasm' | 'cpu' | 'torch';

/** 'plain' is the DCGAN step with augmentation off; 'diffaugment' adds colour, translation and cutout. */
export type StepKind = 'plain' | 'diffaugment';

export interface EngineResult {
  engine: EngineName;
  /** dcgan32 or dcgan64: the reference architecture at that image size. */
  model: string;
  step: StepKind;
  batch: number;
  /** Threads the engine computes with (wasm under Node is single-threaded). */
  threads: number | null;
  warmupSteps: number;
  timedSteps: number;
  /** Real images per second: batch * timed steps / wall time of the timed steps. Null when skipped. */
  imgPerSec: number | null;
  /** Wall time of the timed steps, each step: median, fastest and slowest. */
  stepMs: { median: number; min: number; max: number } | null;
  /** Resident memory when the run starts (engine loaded, nothing built) and when the timed steps end. */
  rssStartMB: number | null;
  rssEndMB: number | null;
  /** Highest resident memory seen: sampled after every step (tfjs), or the kernel's high-water mark (torch). */
  rssPeakMB: number | null;
  /** Trainable weights of G and D, to check both sides built the same networks. */
  params: { generator: number; discriminator: number } | null;
  /** D's and G's loss at the last step: similar on both sides, and finite, when both train the same thing. */
  lastLosses?: { d: number; g: number };
  /** One 16-image preview grid from the averaged generator, median of several after one warm-up. */
  previewMs?: number;
  versions: Record<string, string>;
  /** torch only: the BLAS library it loaded (reference, openblas, mkl, ...); its transposed convs depend on it. */
  blas?: string;
  /** Cores' worth of CPU other processes used during the timed steps; near 0 on a quiet machine. */
  otherCores?: number;
  /** Kernels GAN Studio registers into the backend (wasm): they are part of what is measured. */
  kernelsAdded?: string[];
  /** Why the engine did not run; every measurement is null then. */
  skipped?: string;
  /** --profile: one step's time by kernel (tfjs engines only). */
  profile?: TrainingProfile;
}

export function isEngineResult(value: unknown): value is EngineResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.engine === 'string' && typeof record.model === 'string' && 'imgPerSec' in record;
}

export function megabytes(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

/** The result of an engine that did not run, saying why; every measurement is null. */
export function skippedResult(
  base: Pick<EngineResult, 'engine' | 'model' | 'step' | 'batch' | 'threads' | 'warmupSteps' | 'timedSteps'>,
  reason: string,
): EngineResult {
  return {
    ...base,
    imgPerSec: null,
    stepMs: null,
    rssStartMB: null,
    rssEndMB: null,
    rssPeakMB: null,
    params: null,
    versions: {},
    skipped: reason,
  };
}
