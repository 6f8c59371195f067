import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type RunMeta, type RunStatus, trainsOn } from '../shared/run';
import { writeJsonAtomic } from './atomic-write';
import { checkName } from './names';
import { isRunLocked } from './run-lock';

/*
 * runs/<name>/ holds config.json (the validated model config, fixed at creation except the total steps),
 * meta.json (status and progress), metrics.jsonl, previews/ and checkpoints/ (written by the engine).
 */

export const runsFolder = (home: string) => join(home, 'runs');
export const runFolder = (home: string, name: string) => join(runsFolder(home), name);

const ACTIVE: RunStatus[] = ['running', 'paused'];

export interface NewRun {
  name: string;
  model: string;
  dataset: string;
  /** Side B's dataset, for a run on two datasets. */
  datasetB?: string;
  datasetHash: string;
  totalSteps: number;
  config: unknown;
}

/** Makes the run folder with its config and meta, all or nothing. */
export function createRun(home: string, run: NewRun): RunMeta {
  checkName('run', run.name);
  const folder = runFolder(home, run.name);
  if (existsSync(folder))
    throw new Error(`a run named ${run.name} already exists; resume it or pick another name`);
  mkdirSync(runsFolder(home), { recursive: true });
  const staging = join(runsFolder(home), `.creating-${run.name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const now = new Date().toISOString();
  const meta: RunMeta = {
    formatVersion: 1,
    name: run.name,
    model: run.model,
    dataset: run.dataset,
    ...(run.datasetB === undefined ? {} : { datasetB: run.datasetB }),
    datasetHash: run.datasetHash,
    status: 'created',
    step: 0,
    totalSteps: run.totalSteps,
    checkpointStep: null,
    createdAt: now,
    updatedAt: now,
    backend: null,
    error: null,
  };
  writeJsonAtomic(join(staging, 'config.json'), run.config);
  writeJsonAtomic(join(staging, 'meta.json'), meta);
  renameSync(staging, folder);
  return meta;
}

export function readRunMeta(home: string, name: string): RunMeta {
  const folder = runFolder(home, name);
  if (!existsSync(join(folder, 'meta.json'))) {
    const known = listRunNames(home);
    throw new Error(
      `no run named ${name}${known.length ? ` (have: ${known.join(', ')})` : ' (there are no runs yet)'}`,
    );
  }
  const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as RunMeta;
  // "running" with nobody holding the lock means the process died mid-run.
  if (ACTIVE.includes(meta.status) && !isRunLocked(folder)) return { ...meta, status: 'interrupted' };
  return meta;
}

export function readRunConfig(home: string, name: string): unknown {
  return JSON.parse(readFileSync(join(runFolder(home, name), 'config.json'), 'utf8'));
}

export function writeRunConfig(home: string, name: string, config: unknown): void {
  writeJsonAtomic(join(runFolder(home, name), 'config.json'), config);
}

/** Applies `change` to meta.json atomically and stamps updatedAt. Only the run's lock holder calls this. */
export function updateRunMeta(home: string, name: string, change: Partial<RunMeta>): RunMeta {
  const path = join(runFolder(home, name), 'meta.json');
  const current = JSON.parse(readFileSync(path, 'utf8')) as RunMeta;
  const next: RunMeta = { ...current, ...change, updatedAt: new Date().toISOString() };
  writeJsonAtomic(path, next);
  return next;
}

export function listRunNames(home: string): string[] {
  if (!existsSync(runsFolder(home))) return [];
  return readdirSync(runsFolder(home), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .filter((entry) => existsSync(join(runsFolder(home), entry.name, 'meta.json')))
    .map((entry) => entry.name)
    .sort();
}

export function listRuns(home: string): RunMeta[] {
  return listRunNames(home).map((name) => readRunMeta(home, name));
}

/** Marks a run the host stopped on quitting, so that the next start carries it on (see `takeRunsToContinue`). */
export function markToContinue(home: string, name: string): void {
  if (readRunMeta(home, name).status === 'stopped') updateRunMeta(home, name, { continueOnStart: true });
}

/**
 * The runs marked by `markToContinue` that are still stopped, their marks cleared (each is taken once). A run
 * another process is training keeps its mark: only the lock holder writes its meta, and its trainer clears it.
 */
export function takeRunsToContinue(home: string): string[] {
  const marked = listRuns(home).filter(
    (run) => run.continueOnStart && !isRunLocked(runFolder(home, run.name)),
  );
  for (const run of marked) updateRunMeta(home, run.name, { continueOnStart: false });
  return marked.filter((run) => run.status === 'stopped').map((run) => run.name);
}

/** The runs that train on a dataset (as side A or B). */
export function runsOnDataset(home: string, dataset: string): RunMeta[] {
  return listRuns(home).filter((run) => trainsOn(run, dataset));
}
