/**
 * What a job (import, training, sampling) reports while it runs. The CLI prints these as JSON lines with
 * `--json`; the app forwards them to the renderer. Every event names itself in `event`.
 */
import type { SkippedFile, UnpartneredFile } from './dataset';

export interface BackendReport {
  /** The backend in use: 'tensorflow' is native TensorFlow through tfjs-node. */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** Why each faster backend was not used, by backend name. */
  notUsed: Partial<Record<'tensorflow' | 'wasm', string>>;
  versions: { tfjs: string; backend?: string; node: string; electron?: string };
  /** Threads the backend computes with. */
  threads: number;
  /** Whether the wasm build has SIMD (wasm only). */
  simd?: boolean;
}

export interface StartedEvent {
  event: 'started';
  job: 'import' | 'train' | 'sample' | 'probe' | 'translate' | 'eval' | 'export-model';
  backend?: BackendReport;
}

export interface ImportProgressEvent {
  event: 'progress';
  phase: 'scanning' | 'decoding' | 'writing';
  done: number;
  total: number;
}

export interface TrainProgressEvent {
  event: 'progress';
  step: number;
  totalSteps: number;
  dLoss: number;
  gLoss: number;
  /** Mean of D's sigmoid output on (augmented) real and generated images. */
  dReal: number;
  dFake: number;
  imgPerSec: number;
  etaSeconds: number;
  learningRateScale: number;
}

/** Sent when a pause or resume takes effect (between two steps). */
export interface StatusEvent {
  event: 'status';
  status: 'paused' | 'running';
  step: number;
}

export interface PreviewEvent {
  event: 'preview';
  step: number;
  /** Absolute path of the PNG written into the run folder. */
  path: string;
}

export interface CheckpointEvent {
  event: 'checkpoint';
  step: number;
  path: string;
}

export type WarningCode =
  | 'non-finite-loss'
  | 'checkpoint-corrupt'
  | 'discriminator-winning'
  | 'dataset-small'
  /** A file given to translate that isn't a usable image; the others are still translated. */
  | 'input-skipped';

export interface WarningEvent {
  event: 'warning';
  code: WarningCode;
  message: string;
}

export interface ErrorEvent {
  event: 'error';
  message: string;
}

export interface ImportDoneEvent {
  event: 'done';
  dataset: string;
  imported: number;
  skipped: number;
  duplicates: number;
  skippedFiles: SkippedFile[];
  /** Paired imports only: files left without a partner, and how many pairs are held out for evaluation. */
  unpartnered?: UnpartneredFile[];
  heldOut?: number;
}

export type TrainOutcome = 'completed' | 'stopped' | 'failed';

export interface TrainDoneEvent {
  event: 'done';
  run: string;
  status: TrainOutcome;
  step: number;
}

export interface SampleDoneEvent {
  event: 'done';
  files: string[];
}

/** Translating a photo or a folder: after each photo, photos done of all. */
export interface TranslateProgressEvent {
  event: 'progress';
  phase: 'translating';
  done: number;
  total: number;
  /** The photo just finished, and the PNG written for it (absent when the file was skipped). */
  input: string;
  output?: string;
  /** An upright PNG copy of the input beside the output, when the job was asked for one (for before/after). */
  original?: string;
}

export interface TranslateDoneEvent {
  event: 'done';
  /** The translated PNGs, one per usable input. */
  files: string[];
  /** Inputs that were not images (also reported one by one as 'input-skipped' warnings). */
  skippedFiles: SkippedFile[];
}

/** How close outputs are to their targets, averaged over the held-out pairs. */
export interface TranslationScores {
  /** dB; higher is better. */
  psnr: number;
  /** Structural similarity, up to 1; higher is better. */
  ssim: number;
  /** Mean absolute difference on a 0-1 scale; lower is better. */
  l1: number;
}

/**
 * A translation model measured on held-out pairs, next to the baselines it must beat: sent by `eval` jobs,
 * and by training runs of pix2pix and CycleGAN at every preview, so a dashboard can chart it as it improves.
 */
export interface EvalEvent {
  event: 'eval';
  run: string;
  /** The training step of the weights measured. */
  step: number;
  /** The paired dataset measured on. */
  dataset: string;
  direction: 'a2b' | 'b2a';
  /** Held-out pairs measured. */
  pairs: number;
  model: TranslationScores;
  /** Output = input. */
  identity: TranslationScores;
  /** The best single 3x4 affine RGB map, fitted on the training pairs. */
  colorTransform: TranslationScores;
  /** True when the model is better than both baselines on PSNR, SSIM and L1. */
  beatsBaselines: boolean;
}

export type ImportEvent = StartedEvent | ImportProgressEvent | WarningEvent | ErrorEvent | ImportDoneEvent;
export type TranslateEvent =
  StartedEvent | TranslateProgressEvent | WarningEvent | ErrorEvent | TranslateDoneEvent;
export type TrainEvent =
  | StartedEvent
  | TrainProgressEvent
  | StatusEvent
  | PreviewEvent
  | CheckpointEvent
  | WarningEvent
  | ErrorEvent
  | TrainDoneEvent
  | EvalEvent;
export type SampleEvent = StartedEvent | WarningEvent | ErrorEvent | SampleDoneEvent;
export type JobEvent = ImportEvent | TrainEvent | SampleEvent | TranslateEvent;
