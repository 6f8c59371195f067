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
  /** New total steps (must exceed the steps done); a new run made by createNewRun starts from its own total. */
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

/** Imports matched pairs (two folders, or one of side-by-side images) as one paired dataset. */
export interface ImportPairsJobSpec extends JobBase {
  kind: 'import-pairs';
  name: string;
  source: { layout: 'two-folders'; a: string; b: string } | { layout: 'side-by-side'; folder: string };
  size: DatasetSize;
  fit?: SquareFit;
  background?: string;
  /** Share of the pairs held out for evaluation (default 0.1), and the seed that picks them (default 0). */
  heldOutFraction?: number;
  splitSeed?: number;
}

/** Translates a photo, or every photo in a folder, with a pix2pix or CycleGAN run's newest checkpoint. */
export interface TranslateJobSpec extends JobBase {
  kind: 'translate';
  run: string;
  /** A photo or a folder of photos (subfolders included), or several of them. */
  input: string | string[];
  /** Where the translated PNGs go; a folder's structure is kept. */
  outFolder: string;
  /** 'a2b' by default; 'b2a' needs a CycleGAN run. */
  direction?: 'a2b' | 'b2a';
  /** Also write each input, upright, as '<name>-original.png' beside its output (the app's before/after). */
  keepOriginals?: boolean;
}

/** Measures a translation run on held-out pairs against the identity and colour-transform baselines. */
export interface EvalJobSpec extends JobBase {
  kind: 'eval';
  run: string;
  /** A paired dataset to measure on; by default the run's own (required for runs on two datasets). */
  dataset?: string;
  direction?: 'a2b' | 'b2a';
}

/** Writes a run's newest generator as a TensorFlow.js LayersModel (model.json + weights) into a folder. */
export interface ExportModelJobSpec extends JobBase {
  kind: 'export-model';
  run: string;
  outFolder: string;
}

export type JobSpec =
  | ImportJobSpec
  | ImportPairsJobSpec
  | TrainJobSpec
  | SamplerJobSpec
  | ProbeJobSpec
  | TranslateJobSpec
  | EvalJobSpec
  | ExportModelJobSpec;

export interface SampleRequest {
  /** Images for seeds, or the frames of a walk from one seed's image to another's. */
  what: { seeds: number[] } | { from: number; to: number; frames: number };
  /** (0, 1]; 1 = full variety. */
  truncation: number;
  /** Folder to write PNGs into. */
  outFolder: string;
  /** One grid PNG of all images instead of one PNG each. */
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
