import type { DuplicateFile, SkippedFile, UnpartneredFile } from '../../shared/dataset';
import type { ImportedImage } from '../import/build-manifest';
import { type DecodeOutcome, decodeImageFile, normalizeProbedImage } from '../import/decode-image';
import { forEachOrdered } from '../import/for-each-ordered';
import type { ImportLimits } from '../import/import-limits';
import type { NormalizeSettings } from '../import/normalize-image';
import { createPixelCacheWriter } from '../import/pixel-cache-writer';
import { probeImage } from '../import/probe-image';
import { readFileBytes, UnreadableFileError } from '../import/read-file-bytes';
import { describeFsError, type FoundFile } from '../import/walk-folder';
import type { FilePair } from './match-pairs';
import { type PairScan, sideLabels } from './scan-pairs';

export interface DecodedPairs {
  a: ImportedImage[];
  b: ImportedImage[];
  skipped: SkippedFile[];
  unpartnered: UnpartneredFile[];
  duplicates: DuplicateFile[];
  contentHashA: string;
  contentHashB: string;
}

export interface DecodePairsOptions {
  layout: 'two-folders' | 'side-by-side';
  settings: NormalizeSettings;
  limits: ImportLimits;
  signal: AbortSignal | undefined;
  onDecoded: (done: number) => void;
}

type PairOutcome = [DecodeOutcome, DecodeOutcome];

/**
 * Decodes every pair with the folder import's own decoder (same limits, same reasons), streaming side A into
 * `paths.a` and side B into `paths.b` in the same order. A pair is kept only if both images decode; when one
 * doesn't, it is skipped with its reason and its partner is listed as unpartnered. A pair identical to an
 * earlier one on both sides is a duplicate.
 */
export async function decodePairsIntoCaches(
  paths: { a: string; b: string },
  scan: PairScan,
  options: DecodePairsOptions,
): Promise<DecodedPairs> {
  const writers = { a: createPixelCacheWriter(paths.a), b: createPixelCacheWriter(paths.b) };
  const [labelA, labelB] =
    options.layout === 'side-by-side' ? ['', ''] : sideLabels(scan.folderA, scan.folderB);
  const shown = (label: string, file: FoundFile) =>
    label ? `${label}/${file.relativePath}` : file.relativePath;
  const result: Omit<DecodedPairs, 'contentHashA' | 'contentHashB'> = {
    a: [],
    b: [],
    skipped: [],
    unpartnered: [],
    duplicates: [],
  };
  const firstWithHashes = new Map<string, string>();
  try {
    options.onDecoded(0);
    await forEachOrdered(
      scan.pairs,
      options.limits.concurrency,
      (pair) =>
        options.layout === 'side-by-side' ? decodeSideBySide(pair.a, options) : decodeTwoFiles(pair, options),
      ([a, b], index) => {
        const pair = scan.pairs[index] as FilePair;
        if (a.kind === 'image' && b.kind === 'image') {
          const original = firstWithHashes.get(`${a.pixelHash}:${b.pixelHash}`);
          if (original !== undefined) {
            result.duplicates.push({ path: shown(labelA, pair.a), duplicateOf: original });
          } else {
            firstWithHashes.set(`${a.pixelHash}:${b.pixelHash}`, shown(labelA, pair.a));
            writers.a.append(a.pixels);
            writers.b.append(b.pixels);
            result.a.push({ source: pair.a.relativePath, label: null, pixelHash: a.pixelHash });
            result.b.push({ source: pair.b.relativePath, label: null, pixelHash: b.pixelHash });
          }
        } else if (options.layout === 'side-by-side') {
          const reason = a.kind === 'skipped' ? a.reason : (b as { reason: string }).reason;
          result.skipped.push({ path: pair.a.relativePath, reason });
        } else {
          listFailedPair(pair, [a, b], [labelA, labelB], result);
        }
        options.onDecoded(index + 1);
      },
      options.signal,
    );
    return { ...result, contentHashA: writers.a.finish(), contentHashB: writers.b.finish() };
  } finally {
    writers.a.abandon();
    writers.b.abandon();
  }
}

/** The side that failed is skipped with its reason; a side that decoded is listed as left without a partner. */
function listFailedPair(
  pair: FilePair,
  outcomes: PairOutcome,
  labels: [string, string],
  result: Pick<DecodedPairs, 'skipped' | 'unpartnered'>,
): void {
  const sides = [
    { side: 'a' as const, file: pair.a, outcome: outcomes[0], label: labels[0] },
    { side: 'b' as const, file: pair.b, outcome: outcomes[1], label: labels[1] },
  ];
  for (const [index, { side, file, outcome, label }] of sides.entries()) {
    if (outcome.kind === 'skipped') {
      result.skipped.push({ path: `${label}/${file.relativePath}`, reason: outcome.reason });
    } else {
      const other = sides[1 - index]!;
      result.unpartnered.push({
        path: file.relativePath,
        side,
        reason: `its partner ${other.label}/${other.file.relativePath} was skipped`,
      });
    }
  }
}

async function decodeTwoFiles(pair: FilePair, options: DecodePairsOptions): Promise<PairOutcome> {
  // One after the other: an import's memory stays at `concurrency` decodes, as in the folder import.
  const a = await decodeImageFile(pair.a, options.settings, options.limits);
  const b = await decodeImageFile(pair.b, options.settings, options.limits);
  return [a, b];
}

/** One image holding A on its left half and B on its right (a middle column of an odd width is dropped). */
async function decodeSideBySide(file: FoundFile, options: DecodePairsOptions): Promise<PairOutcome> {
  const skip = (reason: string): PairOutcome => [
    { kind: 'skipped', reason },
    { kind: 'skipped', reason },
  ];
  let bytes: Buffer;
  try {
    bytes = await readFileBytes(file.absolutePath, options.limits.maxFileBytes);
  } catch (error) {
    if (error instanceof UnreadableFileError) return skip(error.message);
    return skip(`could not be read (${describeFsError(error)})`);
  }
  const probe = await probeImage(bytes, file.relativePath, options.limits);
  if (!probe.ok) return skip(probe.reason);
  const { width, height } = probe.upright;
  const half = Math.floor(width / 2);
  if (half < 1) return skip(`image is ${width} px wide: too narrow to split into A and B halves`);
  const a = await normalizeProbedImage(bytes, probe, options.settings, options.limits, {
    left: 0,
    top: 0,
    width: half,
    height,
  });
  const b = await normalizeProbedImage(bytes, probe, options.settings, options.limits, {
    left: width - half,
    top: 0,
    width: half,
    height,
  });
  return [a, b];
}
