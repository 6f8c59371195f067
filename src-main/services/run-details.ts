import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getModel } from '../engine/models/registry';
import { previewsFolder, readMetrics } from '../engine/training/run-outputs';
import { listRuns, readRunConfig, readRunMeta, runFolder } from '../library/runs';
import type { PreviewFrame, RunCard, RunDetails } from '../shared/studio-api';
import type { JobManager } from './job-manager';
import { mediaPathOf } from './media';
import { translationInfo } from './translation-handlers';

const PREVIEW_FILE = /^step-(\d{9})\.png$/;

/** A run's preview grids, oldest first. */
export function listPreviews(home: string, name: string): PreviewFrame[] {
  const folder = previewsFolder(runFolder(home, name));
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((file) => PREVIEW_FILE.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ step: Number(match[1]), media: mediaPathOf(home, join(folder, match[0])) }))
    .sort((a, b) => a.step - b.step);
}

export function listRunCards(home: string): RunCard[] {
  return listRuns(home).map((meta) => ({
    ...meta,
    latestPreview: listPreviews(home, meta.name).at(-1)?.media ?? null,
  }));
}

/** Everything the training dashboard shows for a run, read from its folder (and the live job, if any). */
export function readRunDetails(home: string, name: string, jobs: JobManager): RunDetails {
  const meta = readRunMeta(home, name);
  const folder = runFolder(home, name);
  const config = getModel(meta.model).parseConfig(readRunConfig(home, name));
  const previews = listPreviews(home, name);
  const job = jobs.trainingJob(name);
  const translates = meta.model === 'pix2pix' || meta.model === 'cyclegan';
  return {
    meta: job ? { ...meta, status: job.info.status === 'paused' ? 'paused' : 'running' } : meta,
    metrics: readMetrics(folder),
    previews,
    jobId: job?.info.id ?? null,
    imageSize: config.imageSize,
    translation: translates ? translationInfo(home, name) : null,
  };
}
