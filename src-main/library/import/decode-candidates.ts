import type { DuplicateFile, SkippedFile } from '../../shared/dataset';
import type { ImportedImage } from './build-manifest';
import { decodeImageFile } from './decode-image';
import { forEachOrdered } from './for-each-ordered';
import type { ImportLimits } from './import-limits';
import type { NormalizeSettings } from './normalize-image';
import { createPixelCacheWriter } from './pixel-cache-writer';
import type { Candidate } from './scan-sources';

export interface ImportSettings extends NormalizeSettings {
  /** The background as recorded in the manifest. */
  backgroundHex: string;
}

export interface DecodedSet {
  images: ImportedImage[];
  skipped: SkippedFile[];
  duplicates: DuplicateFile[];
}

export interface DecodeCandidatesOptions {
  settings: NormalizeSettings;
  limits: ImportLimits;
  signal: AbortSignal | undefined;
  append: (pixels: Buffer) => void;
  onDecoded: (done: number) => void;
}

/** Decode in parallel, consume in path order: the first of a set of identical images is the one kept. */
export async function decodeCandidates(
  candidates: Candidate[],
  options: DecodeCandidatesOptions,
): Promise<DecodedSet> {
  const result: DecodedSet = { images: [], skipped: [], duplicates: [] };
  const firstWithHash = new Map<string, string>();
  options.onDecoded(0);
  await forEachOrdered(
    candidates,
    options.limits.concurrency,
    (candidate) => decodeImageFile(candidate, options.settings, options.limits),
    (outcome, index) => {
      const candidate = candidates[index] as Candidate;
      if (outcome.kind === 'skipped') {
        result.skipped.push({ path: candidate.relativePath, reason: outcome.reason });
      } else {
        const original = firstWithHash.get(outcome.pixelHash);
        if (original !== undefined) {
          result.duplicates.push({ path: candidate.relativePath, duplicateOf: original });
        } else {
          firstWithHash.set(outcome.pixelHash, candidate.relativePath);
          options.append(outcome.pixels);
          result.images.push({
            source: candidate.relativePath,
            label: candidate.label,
            pixelHash: outcome.pixelHash,
          });
        }
      }
      options.onDecoded(index + 1);
    },
    options.signal,
  );
  return result;
}

/**
 * decodeCandidates, streaming the kept images into a new pixel cache file at `path`. The file is flushed to
 * disk before this returns; on failure it is left for the caller to remove with its staging folder.
 */
export async function decodeIntoPixelCache(
  path: string,
  candidates: Candidate[],
  options: Omit<DecodeCandidatesOptions, 'append'>,
): Promise<DecodedSet & { contentHash: string }> {
  const writer = createPixelCacheWriter(path);
  try {
    const decoded = await decodeCandidates(candidates, {
      ...options,
      append: (pixels) => writer.append(pixels),
    });
    return { ...decoded, contentHash: writer.finish() };
  } finally {
    writer.abandon();
  }
}
