/** Types of training runs in the library (and one reading of them), shared with the renderer. */

export type RunStatus =
  /** made, never started */
  | 'created'
  | 'running'
  | 'paused'
  /** reached its total steps */
  | 'completed'
  /** stopped by the user; can be resumed */
  | 'stopped'
  /** ended by an error; its last good checkpoint is kept */
  | 'failed'
  /** its process ended without stopping it (crash, kill, power cut); can be resumed */
  | 'interrupted';

export interface RunMeta {
  formatVersion: 1;
  name: string;
  model: string;
  /** Name of the dataset it trains on (side A's, for a run on two datasets). */
  dataset: string;
  /**
   * A CycleGAN run on two unmatched datasets names side B's here; absent for runs on one dataset (including a
   * paired one, whose two sides live in one dataset).
   */
  datasetB?: string;
  /** The dataset's content hash when the run was made (of both datasets, for a run on two). */
  datasetHash: string;
  status: RunStatus;
  /** Steps completed (as of the last progress report). */
  step: number;
  totalSteps: number;
  /** Step of the newest checkpoint: where a resume starts. */
  checkpointStep: number | null;
  createdAt: string;
  updatedAt: string;
  /** Backend of the last session, e.g. 'wasm'. */
  backend: string | null;
  /** Why it failed, for status 'failed'. */
  error: string | null;
  /** Stopped because the app or server quit, not by the user: it carries on when they start again. */
  continueOnStart?: boolean;
}

/**
 * For a run that crashed or failed after its newest checkpoint: the step training continues from (the steps
 * since are trained again). Null for every other run.
 */
export function resumesFrom(meta: Pick<RunMeta, 'status' | 'step' | 'checkpointStep'>): number | null {
  if (meta.status !== 'interrupted' && meta.status !== 'failed') return null;
  return meta.checkpointStep !== null && meta.checkpointStep < meta.step ? meta.checkpointStep : null;
}

/** Whether a run trains on `dataset` (as its only dataset, or as either side of two). */
export function trainsOn(run: Pick<RunMeta, 'dataset' | 'datasetB'>, dataset: string): boolean {
  return run.dataset === dataset || run.datasetB === dataset;
}

/** The run trained most recently (latest `updatedAt`; ISO times sort as text), or null for none. */
export function mostRecentlyUpdated<T extends Pick<RunMeta, 'updatedAt'>>(runs: readonly T[]): T | null {
  return runs.reduce<T | null>(
    (latest, run) => (latest && latest.updatedAt >= run.updatedAt ? latest : run),
    null,
  );
}

/** One line of a run's metrics.jsonl: the means over the steps since the previous report. */
export interface MetricsRecord {
  step: number;
  time: string;
  dLoss: number;
  gLoss: number;
  dReal: number;
  dFake: number;
  imgPerSec: number;
  learningRateScale: number;
  /** Model-specific extras (e.g. an L1 loss). */
  [extra: string]: number | string;
}
