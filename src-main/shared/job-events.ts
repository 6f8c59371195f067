/**
 * What a job (import, training, sampling) reports while it runs. The CLI prints these as JSON lines with
 * `--json`; the app forwards them to the renderer. Every event names itself in `event`.
 */
import type { SkippedFile } from './dataset';

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
  job: 'import' | 'train' | 'sample' | 'probe';
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
  'non-finite-loss' | 'checkpoint-corrupt' | 'discriminator-winning' | 'dataset-small';

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

export type ImportEvent = StartedEvent | ImportProgressEvent | WarningEvent | ErrorEvent | ImportDoneEvent;
export type TrainEvent =
  | StartedEvent
  | TrainProgressEvent
  | StatusEvent
  | PreviewEvent
  | CheckpointEvent
  | WarningEvent
  | ErrorEvent
  | TrainDoneEvent;
export type SampleEvent = StartedEvent | WarningEvent | ErrorEvent | SampleDoneEvent;
export type JobEvent = ImportEvent | TrainEvent | SampleEvent;
