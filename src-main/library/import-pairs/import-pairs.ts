import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { DatasetManifest, DatasetSize, SquareFit } from '../../shared/dataset';
import type { ImportDoneEvent, ImportProgressEvent } from '../../shared/job-events';
import { writeJsonAtomic } from '../atomic-write';
import { datasetFolder, datasetsRoot, MANIFEST_FILE, PIXEL_CACHE_FILE } from '../datasets';
import { checkSettings } from '../import/import-folder';
import { DatasetExistsError } from '../import/import-errors';
import { type ImportLimits, resolveImportLimits } from '../import/import-limits';
import { createProgressReporter } from '../import/progress-reporter';
import { commitStagingFolder, createStagingFolder, discardStagingFolder } from '../import/staging-folder';
import { compareCodePoints } from '../import/walk-folder';
import { checkName } from '../names';
import { buildPairedManifest, PIXEL_CACHE_B_FILE } from './build-paired-manifest';
import { decodePairsIntoCaches } from './decode-pairs';
import { chooseHeldOut, DEFAULT_HELD_OUT_FRACTION } from './held-out-split';
import { type PairSource, scanPairs } from './scan-pairs';

export interface ImportPairsOptions {
  source: PairSource;
  home: string;
  name: string;
  size: DatasetSize;
  fit?: SquareFit;
  background?: string;
  /** Share of the pairs kept out of training for evaluation; 0.1 by default. */
  heldOutFraction?: number;
  /** Fixes which pairs are held out; 0 by default. */
  splitSeed?: number;
  /** As for the folder import: 'scanning', 'decoding' (pairs), 'writing'. */
  onProgress?: (event: ImportProgressEvent) => void;
  signal?: AbortSignal;
  limits?: Partial<ImportLimits>;
}

export interface ImportPairsResult {
  manifest: DatasetManifest;
  folder: string;
}

/** No pair survived: says why, naming the first file left out. */
export class NoUsablePairsError extends Error {
  override name = 'NoUsablePairsError';
}

/**
 * Makes a paired dataset: finds the pairs, decodes both sides with the folder import's own checks, chooses the
 * held-out pairs, and writes the manifest and the two pixel caches. Like the folder import it appears all at
 * once or not at all (built in a hidden staging folder, renamed into place at the end).
 */
export async function importPairs(options: ImportPairsOptions): Promise<ImportPairsResult> {
  const name = checkName('dataset', options.name);
  const settings = checkSettings(options);
  const limits = resolveImportLimits(options.limits);
  const heldOutFraction = options.heldOutFraction ?? DEFAULT_HELD_OUT_FRACTION;
  const splitSeed = options.splitSeed ?? 0;
  chooseHeldOut(2, heldOutFraction, splitSeed); // checks both before any work
  const target = datasetFolder(options.home, name);
  const report = createProgressReporter(options.onProgress);
  if (existsSync(target)) throw new DatasetExistsError(name);
  options.signal?.throwIfAborted();

  const scan = await scanPairs(options.source, {
    limits,
    signal: options.signal,
    onFolderRead: (done, total) => report('scanning', done, total),
  });
  report('scanning', scan.foldersRead, scan.foldersRead);
  const staging = createStagingFolder(datasetsRoot(options.home), name);
  try {
    const decoded = await decodePairsIntoCaches(
      { a: join(staging, PIXEL_CACHE_FILE), b: join(staging, PIXEL_CACHE_B_FILE) },
      scan,
      {
        layout: options.source.layout,
        settings,
        limits,
        signal: options.signal,
        onDecoded: (done) => report('decoding', done, scan.pairs.length),
      },
    );
    const unpartnered = [...scan.unpartnered, ...decoded.unpartnered].sort(
      (x, y) => compareCodePoints(x.side, y.side) || compareCodePoints(x.path, y.path),
    );
    const skipped = [...scan.skipped, ...decoded.skipped];
    if (decoded.a.length === 0) throw noPairsError(scan.folderA, scan.folderB, unpartnered, skipped);
    report('writing', 0, 1);
    const manifest = buildPairedManifest({
      name,
      sourceFolder: scan.folderA,
      sourceFolderB: scan.folderB,
      layout: options.source.layout,
      imageSize: settings.size,
      fit: settings.fit,
      background: settings.backgroundHex,
      a: decoded.a,
      b: decoded.b,
      skipped,
      duplicates: decoded.duplicates,
      unpartnered,
      contentHash: decoded.contentHashA,
      contentHashB: decoded.contentHashB,
      split: {
        seed: splitSeed,
        heldOutFraction,
        heldOut: chooseHeldOut(decoded.a.length, heldOutFraction, splitSeed),
      },
      createdAt: new Date(),
    });
    writeJsonAtomic(join(staging, MANIFEST_FILE), manifest);
    options.signal?.throwIfAborted();
    commitStagingFolder(staging, target, name);
    report('writing', 1, 1);
    return { manifest, folder: target };
  } catch (error) {
    discardStagingFolder(staging);
    throw error;
  }
}

function noPairsError(
  folderA: string,
  folderB: string,
  unpartnered: { path: string; reason: string }[],
  skipped: { path: string; reason: string }[],
): NoUsablePairsError {
  const where = folderA === folderB ? folderA : `${folderA} and ${folderB}`;
  const first = unpartnered[0] ?? skipped[0];
  const detail = first ? ` (first: ${first.path}: ${first.reason})` : '';
  return new NoUsablePairsError(
    `no usable pairs in ${where}: ${unpartnered.length} files without a partner, ${skipped.length} skipped${detail}`,
  );
}

/** The job event that reports a finished paired import. */
export function importPairsDoneEvent(result: ImportPairsResult): ImportDoneEvent {
  const { manifest } = result;
  return {
    event: 'done',
    dataset: manifest.name,
    imported: manifest.items.length,
    skipped: manifest.skipped.length,
    duplicates: manifest.duplicates.length,
    skippedFiles: manifest.skipped,
    unpartnered: manifest.paired?.unpartnered ?? [],
    heldOut: manifest.paired?.split.heldOut.length ?? 0,
  };
}
