import { basename } from 'node:path';
import sharp from 'sharp';
import type { RgbImage } from '../engine/models/gan-trainer';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../library/import/import-limits';
import { describeDecodeError } from '../library/import/describe-decode-error';
import { probeImage, sharpInputOptions } from '../library/import/probe-image';
import { readFileBytes, UnreadableFileError } from '../library/import/read-file-bytes';
import { statPickedPath } from '../library/import/stat-picked-path';
import { describeFsError, type FoundFile, walkFolder } from '../library/import/walk-folder';
import type { SkippedFile } from '../shared/dataset';

/**
 * The import's limits, with fewer megapixels: a translated photo is held three times over while it is
 * blended (input, weighted sum in floats, output), about 20 bytes a pixel.
 */
export const TRANSLATE_LIMITS: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, maxMegapixels: 50 };

/** The photos to translate: the one file given, or every file under the folder given, in name order. */
export async function findPhotos(
  input: string,
  limits: ImportLimits,
  signal?: AbortSignal,
): Promise<{ photos: FoundFile[]; skipped: SkippedFile[] }> {
  const { absolute, stats } = await statPickedPath(input, 'cannot translate');
  if (stats.isFile()) {
    return {
      photos: [{ absolutePath: absolute, relativePath: basename(absolute), bytes: stats.size }],
      skipped: [],
    };
  }
  if (!stats.isDirectory()) throw new Error(`cannot translate ${absolute}: not a file or folder`);
  const walked = await walkFolder(absolute, { limits, maxFiles: limits.maxFiles, signal });
  return { photos: walked.files, skipped: walked.skipped };
}

/**
 * A photo at full size as 8-bit RGB: upright (EXIF orientation applied), sRGB, transparency flattened onto
 * white. Anything wrong with the file is a reason, as in the import, never an exception.
 */
export async function readPhoto(
  file: FoundFile,
  limits: ImportLimits,
): Promise<{ ok: true; image: RgbImage } | { ok: false; reason: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFileBytes(file.absolutePath, limits.maxFileBytes);
  } catch (error) {
    if (error instanceof UnreadableFileError) return { ok: false, reason: error.message };
    return { ok: false, reason: `could not be read (${describeFsError(error)})` };
  }
  const probe = await probeImage(bytes, file.relativePath, limits);
  if (!probe.ok) return { ok: false, reason: probe.reason };
  try {
    const { data, info } = await sharp(bytes, sharpInputOptions(limits))
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3)
      return { ok: false, reason: `decoded to ${info.channels} channels instead of RGB` };
    return { ok: true, image: { width: info.width, height: info.height, data: new Uint8Array(data) } };
  } catch (error) {
    return { ok: false, reason: describeDecodeError(error, probe.family, bytes, limits) };
  }
}
