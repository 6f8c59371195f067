import { createHash } from 'node:crypto';
import type { DatasetManifest } from '../shared/dataset';

/** What is wrong with a paired manifest's side B and split, if anything (null for a sound or unpaired one). */
export function checkPairedParts(manifest: DatasetManifest): string | null {
  const { paired } = manifest;
  if ((manifest.kind === 'paired') !== (paired !== undefined))
    return 'says paired without a side B (or the reverse)';
  if (!paired) return null;
  if (paired.itemsB.length !== manifest.items.length) return 'has different numbers of A and B images';
  if (paired.pixelCacheB.bytesPerImage !== manifest.pixelCache.bytesPerImage)
    return 'has A and B images of different sizes';
  if (paired.pixelCacheB.file === manifest.pixelCache.file) return 'stores A and B in the same file';
  const heldOut = paired.split.heldOut;
  if (heldOut.some((index, i) => index >= manifest.items.length || (i > 0 && index <= heldOut[i - 1]!))) {
    return 'holds out pairs that are out of range or not in ascending order';
  }
  return null;
}

/**
 * What a run records to notice that its dataset changed under it: the pixel cache's hash, and for a paired
 * dataset also side B's and the held-out split (a run trains on the other pairs).
 */
export function datasetFingerprint(manifest: DatasetManifest): string {
  if (!manifest.paired) return manifest.contentHash;
  const { contentHashB, split } = manifest.paired;
  return createHash('sha256')
    .update(JSON.stringify([manifest.contentHash, contentHashB, split.heldOut]))
    .digest('hex');
}
