import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { writeJsonAtomic, writeFileAtomic } from '../../library/atomic-write';
import type { TensorValues } from '../models/gan-trainer';
import {
  type CheckpointMeta,
  CorruptCheckpointError,
  decodeCheckpoint,
  encodeCheckpoint,
} from './checkpoint-file';

/*
 * The checkpoints/ folder of a run: step-NNNNNNNNN.ckpt files, each self-verifying, plus index.json listing
 * them with their sha256 for people and tools. Loading never trusts the index: it verifies the files.
 */

const FILE_PATTERN = /^step-(\d{9})\.ckpt$/;

export function checkpointFileName(step: number): string {
  return `step-${String(step).padStart(9, '0')}.ckpt`;
}

export interface SavedCheckpoint {
  step: number;
  path: string;
  sha256: string;
  bytes: number;
}

export async function readTensorValues(tensors: Map<string, tf.Tensor>): Promise<TensorValues> {
  const values: TensorValues = new Map();
  for (const [name, tensor] of tensors) {
    values.set(name, { shape: tensor.shape, values: (await tensor.data()) as Float32Array });
  }
  return values;
}

/** Writes a checkpoint atomically, then drops all but the newest `keep`. */
export function saveCheckpoint(
  folder: string,
  meta: CheckpointMeta,
  tensors: TensorValues,
  keep: number,
): SavedCheckpoint {
  mkdirSync(folder, { recursive: true });
  const file = encodeCheckpoint(meta, tensors);
  const path = join(folder, checkpointFileName(meta.step));
  writeFileAtomic(path, file);
  const saved = {
    step: meta.step,
    path,
    sha256: createHash('sha256').update(file).digest('hex'),
    bytes: file.length,
  };
  pruneCheckpoints(folder, keep, saved);
  return saved;
}

export function listCheckpointSteps(folder: string): number[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((name) => FILE_PATTERN.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => b - a);
}

export interface LoadedCheckpoint {
  meta: CheckpointMeta;
  tensors: TensorValues;
  path: string;
}

export interface LoadOptions {
  /** Told about each damaged file that was skipped. */
  onCorrupt?: (path: string, reason: string) => void;
  /**
   * Rename damaged files to *.corrupt so later saves and pruning never count them as the newest (only the run's
   * writer should do this; readers such as sampling leave the folder alone).
   */
  quarantine?: boolean;
}

/**
 * The newest checkpoint that verifies. Damaged files are skipped, so one bad file costs the steps since the one
 * before it, not the run.
 */
export function loadLatestCheckpoint(
  folder: string,
  options: LoadOptions = {},
): LoadedCheckpoint | undefined {
  for (const step of listCheckpointSteps(folder)) {
    const path = join(folder, checkpointFileName(step));
    try {
      const { meta, tensors } = decodeCheckpoint(readFileSync(path));
      return { meta, tensors, path };
    } catch (error) {
      if (!(error instanceof CorruptCheckpointError) && !(error instanceof SyntaxError)) throw error;
      options.onCorrupt?.(path, error.message);
      if (options.quarantine) renameSync(path, `${path}.corrupt`);
    }
  }
  return undefined;
}

function pruneCheckpoints(folder: string, keep: number, newest: SavedCheckpoint): void {
  const steps = listCheckpointSteps(folder);
  for (const step of steps.slice(keep)) rmSync(join(folder, checkpointFileName(step)), { force: true });
  const index = readIndex(folder).filter(
    (entry) => steps.slice(0, keep).includes(entry.step) && entry.step !== newest.step,
  );
  index.push({
    step: newest.step,
    file: checkpointFileName(newest.step),
    sha256: newest.sha256,
    bytes: newest.bytes,
  });
  index.sort((a, b) => a.step - b.step);
  writeJsonAtomic(join(folder, 'index.json'), { checkpoints: index });
}

interface IndexEntry {
  step: number;
  file: string;
  sha256: string;
  bytes: number;
}

function readIndex(folder: string): IndexEntry[] {
  try {
    const parsed = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')) as {
      checkpoints?: IndexEntry[];
    };
    return Array.isArray(parsed.checkpoints) ? parsed.checkpoints : [];
  } catch {
    return [];
  }
}
