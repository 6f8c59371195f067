import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
  DATASET_SIZES,
  type DatasetManifest,
  type DatasetSize,
  type ImportCounts,
  type SquareFit,
} from '../../shared/dataset';
import type { ImportDoneEvent, ImportProgressEvent } from '../../shared/job-events';
import { writeJsonAtomic } from '../atomic-write';
import { datasetFolder, datasetsRoot, MANIFEST_FILE, PIXEL_CACHE_FILE } from '../datasets';
import { checkName } from '../names';
import { DEFAULT_BACKGROUND, parseBackgroundColour } from './background-colour';
import { buildManifest } from './build-manifest';
import { decodeIntoPixelCache, type ImportSettings } from './decode-candidates';
import { DatasetExistsError, NoUsableImagesError } from './import-errors';
import { resolveImportLimits, type ImportLimits } from './import-limits';
import { createProgressReporter } from './progress-reporter';
import { scanSources } from './scan-sources';
import { commitStagingFolder, createStagingFolder, discardStagingFolder } from './staging-folder';

export interface ImportOptions {
  /** What the user picked: usually one folder; any mix of folders and image files is allowed. */
  sources: readonly string[];
  /** The library folder; the dataset lands in `<home>/datasets/<name>/`. */
  home: string;
  name: string;
  size: DatasetSize;
  /** How non-square images become square; 'crop' (the centre) by default. */
  fit?: SquareFit;
  /** '#rrggbb' that transparency is flattened onto and 'pad' bars are filled with; white by default. */
  background?: string;
  /**
   * Throttled progress. 'scanning' counts folders (read of found so far, so its total grows), 'decoding'
   * counts files, 'writing' has one step. Each phase's last event has done === total.
   */
  onProgress?: (event: ImportProgressEvent) => void;
  /** Aborting stops the import, removes everything it wrote, and rejects with the signal's reason. */
  signal?: AbortSignal;
  limits?: Partial<ImportLimits>;
}

export interface ImportResult {
  manifest: DatasetManifest;
  counts: ImportCounts;
  /** Absolute path of the new dataset folder. */
  folder: string;
}

/** Import one folder: its subfolders become the classes. See importSources. */
export function importFolder(
  options: Omit<ImportOptions, 'sources'> & { folder: string },
): Promise<ImportResult> {
  const { folder, ...rest } = options;
  return importSources({ ...rest, sources: [folder] });
}

/**
 * Make a dataset from folders and image files: scan, decode and normalize every candidate (skipping, with a
 * reason, each file that isn't a usable image), drop exact duplicates, and write the manifest and pixel cache.
 * The dataset appears all at once or not at all: it is built in a hidden staging folder that is renamed into
 * place at the end, and removed on failure or abort.
 */
export async function importSources(options: ImportOptions): Promise<ImportResult> {
  const name = checkName('dataset', options.name);
  const settings = checkSettings(options);
  const limits = resolveImportLimits(options.limits);
  const target = datasetFolder(options.home, name);
  const { signal } = options;
  const report = createProgressReporter(options.onProgress);
  // Checked again at the final rename; this early check spares a long import that would be refused at the end.
  if (existsSync(target)) throw new DatasetExistsError(name);
  signal?.throwIfAborted();

  const scan = await scanSources(options.sources, {
    limits,
    signal,
    onFolderRead: (done, total) => report('scanning', done, total),
  });
  report('scanning', scan.foldersRead, scan.foldersRead);
  const where = options.sources.length === 1 ? resolve(options.sources[0] as string) : scan.sourceFolder;
  if (scan.candidates.length === 0) throw new NoUsableImagesError(where, scan.skipped);

  const staging = createStagingFolder(datasetsRoot(options.home), name);
  try {
    const decoded = await decodeIntoPixelCache(join(staging, PIXEL_CACHE_FILE), scan.candidates, {
      settings,
      limits,
      signal,
      onDecoded: (done) => report('decoding', done, scan.candidates.length),
    });
    const skipped = [...scan.skipped, ...decoded.skipped];
    if (decoded.images.length === 0) throw new NoUsableImagesError(where, skipped);
    report('writing', 0, 1);
    const manifest = buildManifest({
      name,
      sourceFolder: scan.sourceFolder,
      imageSize: settings.size,
      fit: settings.fit,
      background: settings.backgroundHex,
      images: decoded.images,
      skipped,
      duplicates: decoded.duplicates,
      contentHash: decoded.contentHash,
      createdAt: new Date(),
    });
    writeJsonAtomic(join(staging, MANIFEST_FILE), manifest);
    signal?.throwIfAborted();
    commitStagingFolder(staging, target, name);
    report('writing', 1, 1);
    const counts: ImportCounts = {
      imported: manifest.items.length,
      skipped: manifest.skipped.length,
      duplicates: manifest.duplicates.length,
    };
    return { manifest, counts, folder: target };
  } catch (error) {
    discardStagingFolder(staging);
    throw error;
  }
}

export function checkSettings(options: Pick<ImportOptions, 'size' | 'fit' | 'background'>): ImportSettings {
  if (!(DATASET_SIZES as readonly number[]).includes(options.size)) {
    throw new Error(`invalid image size ${String(options.size)}: choose ${DATASET_SIZES.join(', ')}`);
  }
  const fit = options.fit ?? 'crop';
  if (fit !== 'crop' && fit !== 'pad') throw new Error(`invalid fit "${String(fit)}": choose crop or pad`);
  const background = parseBackgroundColour(options.background ?? DEFAULT_BACKGROUND);
  return { size: options.size, fit, background: background.rgb, backgroundHex: background.hex };
}

/** The job event that reports a finished import, for the CLI's JSON lines and the app's event stream. */
export function importDoneEvent(result: ImportResult): ImportDoneEvent {
  return {
    event: 'done',
    dataset: result.manifest.name,
    imported: result.counts.imported,
    skipped: result.counts.skipped,
    duplicates: result.counts.duplicates,
    skippedFiles: result.manifest.skipped,
  };
}
