import { createHash } from 'node:crypto';

import { describeDecodeError } from './describe-decode-error';
import type { ImportLimits } from './import-limits';
import {
  type ImageRegion,
  normalizeImage,
  NormalizeShapeError,
  type NormalizeSettings,
} from './normalize-image';
import { type ProbedImage, probeImage } from './probe-image';
import { readFileBytes, UnreadableFileError } from './read-file-bytes';
import { describeFsError, type FoundFile } from './walk-folder';

export type DecodeOutcome =
  { kind: 'image'; pixels: Buffer; pixelHash: string } | { kind: 'skipped'; reason: string };

/**
 * Read, check and normalize one file. Never throws for anything about the file: every way a file can be
 * bad becomes a 'skipped' outcome with a reason, so one bad file can't stop an import.
 */
export async function decodeImageFile(
  file: FoundFile,
  settings: NormalizeSettings,
  limits: ImportLimits,
): Promise<DecodeOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFileBytes(file.absolutePath, limits.maxFileBytes);
  } catch (error) {
    if (error instanceof UnreadableFileError) return { kind: 'skipped', reason: error.message };
    return { kind: 'skipped', reason: `could not be read (${describeFsError(error)})` };
  }
  return decodeImageBytes(bytes, file.relativePath, settings, limits);
}

/** The part of decodeImageFile after reading: bytes in, normalized pixels or a reason out. */
export async function decodeImageBytes(
  bytes: Buffer,
  fileName: string,
  settings: NormalizeSettings,
  limits: ImportLimits,
): Promise<DecodeOutcome> {
  const probe = await probeImage(bytes, fileName, limits);
  if (!probe.ok) return { kind: 'skipped', reason: probe.reason };
  return normalizeProbedImage(bytes, probe, settings, limits);
}

/** The part of decodeImageBytes after probing; `region` takes a part of the upright image (one half of a pair). */
export async function normalizeProbedImage(
  bytes: Buffer,
  probe: ProbedImage,
  settings: NormalizeSettings,
  limits: ImportLimits,
  region?: ImageRegion,
): Promise<DecodeOutcome> {
  try {
    const pixels = await normalizeImage(bytes, settings, limits, region);
    return { kind: 'image', pixels, pixelHash: createHash('sha256').update(pixels).digest('hex') };
  } catch (error) {
    if (error instanceof NormalizeShapeError) return { kind: 'skipped', reason: error.message };
    return { kind: 'skipped', reason: describeDecodeError(error, probe.family, bytes, limits) };
  }
}
