import type { DatasetSize, SquareFit } from '../shared/dataset';
import type { JobEvent } from '../shared/job-events';

/*
 * The typed messages between a host (CLI, web server, Electron main) and the engine worker. One worker runs
 * one job and exits when it ends.
 */

export type BackendChoice = 'node' | 'wasm' | 'cpu';

interface JobBase {
  /** The library folder. */
  home: string;
  /** Force a backend (GAN_STUDIO_BACKEND); otherwise the fastest that loads. */
  backend?: BackendChoice;
}

export interface ImportJobSpec extends JobBase {
  kind: 'import';
  name: string;
  /** Folders and/or loose image files. */
  sources: string[];
  size: DatasetSize;
  fit?: SquareFit;
  background?: string;
}

export interface TrainJobSpec extends JobBase {
  kind: 'train';
  run: string;
  /** Present to make a new run; absent to resume an existing one. */
  create?: { dataset: string; model: string; config: unknown };
  /** New total steps when resuming (must exceed the steps done). */
  totalSteps?: number;
}

export interface SamplerJobSpec extends JobBase {
  kind: 'sampler';
  run: string;
}

/** Loads the backend, reports it, and ends: how hosts learn what the engine runs on. */
export interface ProbeJobSpec extends JobBase {
  kind: 'probe';
}

export type JobSpec = ImportJobSpec | TrainJobSpec | SamplerJobSpec | ProbeJobSpec;

export interface SampleRequest {
  seeds: number[];
  /** (0, 1]; 1 = full variety. */
  truncation: number;
  /** Folder to write PNGs into. */
  outFolder: string;
  /** One grid PNG of all seeds instead of one PNG per seed. */
  grid: boolean;
  /** Whole-number enlargement with a Lanczos filter. */
  upscale: number;
}

export type HostMessage =
  | { type: 'start'; job: JobSpec }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'sample'; requestId: number; request: SampleRequest };

export type WorkerMessage =
  | { type: 'event'; event: JobEvent }
  | { type: 'sampled'; requestId: number; files: string[] }
  | { type: 'sample-failed'; requestId: number; message: string }
  /** Sent once the job has ended and the worker is about to exit. */
  | { type: 'finished'; ok: boolean };
