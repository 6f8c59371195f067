import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

import { DATASET_SIZES, type DatasetManifest, type DatasetSummary } from '../shared/dataset';
import { checkName } from './names';
import { checkPairedParts } from './paired-manifest';

export const DATASETS_FOLDER = 'datasets';
export const MANIFEST_FILE = 'manifest.json';
export const PIXEL_CACHE_FILE = 'pixels.bin';

/** A folder under datasets/ that looks like a dataset but can't be read as one. */
export interface BrokenDataset {
  name: string;
  folder: string;
  reason: string;
}

export class DatasetNotFoundError extends Error {
  override name = 'DatasetNotFoundError';
  constructor(
    readonly dataset: string,
    readonly available: string[],
  ) {
    super(
      `no dataset named "${dataset}" (have: ${available.length > 0 ? available.join(', ') : 'none yet'})`,
    );
  }
}

export class BrokenManifestError extends Error {
  override name = 'BrokenManifestError';
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex');

const itemSchema = z.object({
  source: z.string(),
  label: z.number().int().min(0).nullable(),
  pixelHash: hex64,
});
const pixelCacheSchema = z.object({
  // A plain file name: a tampered manifest must not point reads outside its own folder.
  file: z.string().regex(/^(?!\.)[A-Za-z0-9._-]+$/, 'expected a plain file name'),
  layout: z.literal('NHWC-uint8-RGB'),
  bytesPerImage: z.number().int().positive(),
});

const pairedSchema = z.object({
  layout: z.enum(['two-folders', 'side-by-side']),
  sourceFolderB: z.string(),
  itemsB: z.array(itemSchema),
  pixelCacheB: pixelCacheSchema,
  contentHashB: hex64,
  unpartnered: z.array(z.object({ path: z.string(), side: z.enum(['a', 'b']), reason: z.string() })),
  split: z.object({
    seed: z.number().int().min(0),
    heldOutFraction: z.number().min(0).max(1),
    heldOut: z.array(z.number().int().min(0)),
  }),
});

const manifestSchema = z.object({
  formatVersion: z.literal(1),
  kind: z.enum(['images', 'paired']).optional(),
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.string(),
  sourceFolder: z.string(),
  imageSize: z.literal(DATASET_SIZES),
  fit: z.enum(['crop', 'pad']),
  background: z.string(),
  labels: z.array(z.string()),
  items: z.array(itemSchema),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  duplicates: z.array(z.object({ path: z.string(), duplicateOf: z.string() })),
  contentHash: hex64,
  pixelCache: pixelCacheSchema,
  paired: pairedSchema.optional(),
});

export function datasetsRoot(home: string): string {
  return join(home, DATASETS_FOLDER);
}

export function datasetFolder(home: string, name: string): string {
  return join(datasetsRoot(home), checkName('dataset', name));
}

/** Check a parsed manifest.json; throws BrokenManifestError saying what is wrong. */
export function parseDatasetManifest(json: unknown, folderName: string): DatasetManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new BrokenManifestError(
      `${MANIFEST_FILE} is not a dataset manifest (${where}${issue?.message ?? '?'})`,
    );
  }
  const manifest: DatasetManifest = parsed.data;
  if (manifest.name !== folderName) {
    throw new BrokenManifestError(
      `${MANIFEST_FILE} names "${manifest.name}" but its folder is "${folderName}"`,
    );
  }
  if (manifest.pixelCache.bytesPerImage !== manifest.imageSize * manifest.imageSize * 3) {
    throw new BrokenManifestError(
      `${MANIFEST_FILE} has the wrong bytesPerImage for ${manifest.imageSize} px images`,
    );
  }
  const badLabel = manifest.items.find((item) => item.label !== null && item.label >= manifest.labels.length);
  if (badLabel)
    throw new BrokenManifestError(`${MANIFEST_FILE} gives ${badLabel.source} a label that doesn't exist`);
  const pairProblem = checkPairedParts(manifest);
  if (pairProblem) throw new BrokenManifestError(`${MANIFEST_FILE} ${pairProblem}`);
  return manifest;
}

export function readManifestInFolder(folder: string, folderName: string): DatasetManifest {
  const path = join(folder, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BrokenManifestError(
      missing ? `no ${MANIFEST_FILE}` : `${MANIFEST_FILE} unreadable: ${String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BrokenManifestError(`${MANIFEST_FILE} is not valid JSON (${(error as Error).message})`);
  }
  return parseDatasetManifest(json, folderName);
}

/**
 * Every dataset in the library, by name, plus the folders that look like datasets but can't be read: a
 * broken one is listed for the user to see and fix, never a reason for the listing to fail.
 */
export function scanDatasets(home: string): { datasets: DatasetManifest[]; broken: BrokenDataset[] } {
  const root = datasetsRoot(home);
  if (!existsSync(root)) return { datasets: [], broken: [] };
  const datasets: DatasetManifest[] = [];
  const broken: BrokenDataset[] = [];
  const entries = readdirSync(root, { withFileTypes: true })
    // Hidden entries are staging folders of imports in progress (or crashed ones), and OS litter.
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  for (const name of entries) {
    const folder = join(root, name);
    try {
      datasets.push(readManifestInFolder(folder, name));
    } catch (error) {
      if (!(error instanceof BrokenManifestError)) throw error;
      broken.push({ name, folder, reason: error.message });
    }
  }
  return { datasets, broken };
}

export function listDatasets(home: string): DatasetSummary[] {
  return scanDatasets(home).datasets.map(summarizeDataset);
}

export function summarizeDataset(manifest: DatasetManifest): DatasetSummary {
  return {
    id: manifest.id,
    name: manifest.name,
    imageSize: manifest.imageSize,
    count: manifest.items.length,
    kind: manifest.kind ?? 'images',
    ...(manifest.paired ? { heldOut: manifest.paired.split.heldOut.length } : {}),
    labels: manifest.labels,
    skipped: manifest.skipped.length,
    duplicates: manifest.duplicates.length,
    createdAt: manifest.createdAt,
  };
}

/** Find a dataset by name (its folder) or by id; a broken one throws BrokenManifestError with the reason. */
export function readDatasetManifest(home: string, nameOrId: string): DatasetManifest {
  const folder = join(datasetsRoot(home), nameOrId);
  if (isSafeName(nameOrId) && existsSync(folder)) {
    try {
      return readManifestInFolder(folder, nameOrId);
    } catch (error) {
      if (!(error instanceof BrokenManifestError)) throw error;
      throw new BrokenManifestError(`dataset "${nameOrId}" can't be read: ${error.message}`, {
        cause: error,
      });
    }
  }
  const { datasets } = scanDatasets(home);
  const byId = datasets.find((manifest) => manifest.id === nameOrId);
  if (byId) return byId;
  throw new DatasetNotFoundError(
    nameOrId,
    datasets.map((manifest) => manifest.name),
  );
}

function isSafeName(name: string): boolean {
  try {
    checkName('dataset', name);
    return true;
  } catch {
    return false;
  }
}
