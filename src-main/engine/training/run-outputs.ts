import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../library/atomic-write';
import type { MetricsRecord } from '../../shared/run';
import type { RgbImage } from '../models/gan-trainer';
import { encodePng } from '../sampling/png';

/*
 * What training writes into a run folder besides checkpoints: metrics.jsonl (one JSON object a progress report)
 * and previews/step-NNNNNNNNN.png. The metrics file is append-only; a torn last line after a crash is skipped by
 * readers and dropped when the run resumes.
 */

export type { MetricsRecord };

export const metricsPath = (runFolder: string) => join(runFolder, 'metrics.jsonl');
export const checkpointsFolder = (runFolder: string) => join(runFolder, 'checkpoints');
export const previewsFolder = (runFolder: string) => join(runFolder, 'previews');
export const previewPath = (runFolder: string, step: number) =>
  join(previewsFolder(runFolder), `step-${String(step).padStart(9, '0')}.png`);

export function appendMetrics(runFolder: string, record: MetricsRecord): void {
  appendFileSync(metricsPath(runFolder), `${JSON.stringify(record)}\n`);
}

export function readMetrics(runFolder: string): MetricsRecord[] {
  if (!existsSync(metricsPath(runFolder))) return [];
  const records: MetricsRecord[] = [];
  for (const line of readFileSync(metricsPath(runFolder), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as MetricsRecord);
    } catch {
      // a line cut short by a crash
    }
  }
  return records;
}

/** Keeps only the records up to `step`: after resuming or rolling back there, later ones describe a lost past. */
export function truncateMetrics(runFolder: string, step: number): void {
  if (!existsSync(metricsPath(runFolder))) return;
  const kept = readMetrics(runFolder).filter((record) => record.step <= step);
  writeFileAtomic(metricsPath(runFolder), kept.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

export async function writePreview(runFolder: string, step: number, image: RgbImage): Promise<string> {
  mkdirSync(previewsFolder(runFolder), { recursive: true });
  const path = previewPath(runFolder, step);
  writeFileAtomic(path, await encodePng(image, { text: { 'gan-studio:step': String(step) } }));
  return path;
}
