import { extname } from 'node:path';
import sharp, { type Metadata, type SharpOptions } from 'sharp';

import { describeDecodeError } from './describe-decode-error';
import { megapixelLimitInPixels, type ImportLimits } from './import-limits';
import { FAMILY_NAMES, looksLikeText, sniffImageFamily, type ImageFamily } from './sniff-image-format';

export type ProbeResult = ProbedImage | { ok: false; reason: string };

export interface ProbedImage {
  ok: true;
  family: ImageFamily;
  width: number;
  height: number;
  /** The size once EXIF orientation is applied (width and height swap for quarter turns). */
  upright: { width: number; height: number };
}

/** Options for every sharp call on an untrusted file: first frame only, and refuse data with errors in it. */
export function sharpInputOptions(limits: ImportLimits): SharpOptions {
  return {
    failOn: 'error',
    limitInputPixels: megapixelLimitInPixels(limits),
    pages: 1,
    page: 0,
  };
}

/**
 * Decide from the file's content, and its header alone, whether it is an image we will decode: a known
 * format, and no more pixels than the limit. Nothing here decodes pixels, so a 10-gigapixel header costs
 * nothing.
 */
export async function probeImage(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits,
): Promise<ProbeResult> {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const family = sniffImageFamily(bytes);
  if (!family) return { ok: false, reason: describeUnrecognised(bytes, fileName) };

  let metadata: Metadata;
  try {
    // Header only: sharp's own pixel limit would refuse without saying how big, so this call lifts it and
    // the check below words the refusal; the decode that follows keeps the limit as a second guard.
    metadata = await sharp(bytes, { ...sharpInputOptions(limits), limitInputPixels: false }).metadata();
  } catch (error) {
    return { ok: false, reason: describeDecodeError(error, family, bytes, limits) };
  }
  if (family === 'heif' && metadata.compression !== 'av1') {
    const what = metadata.compression === 'hevc' ? 'HEIC photo (HEVC)' : 'HEIF image';
    return { ok: false, reason: `${what}: not supported, convert it to JPEG or PNG first` };
  }
  if (metadata.format !== family) {
    return {
      ok: false,
      reason: `not a recognised image format (starts like ${FAMILY_NAMES[family]} but is not)`,
    };
  }
  const { width, height } = metadata;
  if (!(width > 0 && height > 0)) return { ok: false, reason: `${FAMILY_NAMES[family]} image has no pixels` };
  if (width * height > megapixelLimitInPixels(limits)) {
    return {
      ok: false,
      reason: `image is ${width}x${height} (${formatMegapixels(width * height)} megapixels), over the ${limits.maxMegapixels} megapixel limit`,
    };
  }
  return { ok: true, family, width, height, upright: metadata.autoOrient ?? { width, height } };
}

function describeUnrecognised(bytes: Buffer, fileName: string): string {
  const extension = extname(fileName).toLowerCase();
  if (looksLikeText(bytes)) {
    // A vector drawing is an image to its owner; say what to do with it rather than calling it text.
    if (/<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'))) {
      return 'SVG drawing: not supported, export it as PNG first';
    }
    return `not an image (text file${extension ? ` named ${extension}` : ''})`;
  }
  const named = extension ? ` (file named ${extension})` : '';
  return `not a recognised image format${named}: JPEG, PNG, WebP, GIF, TIFF and AVIF can be imported`;
}

function formatMegapixels(pixels: number): string {
  const megapixels = pixels / 1_000_000;
  if (megapixels >= 100) return String(Math.round(megapixels));
  return megapixels >= 1 ? megapixels.toFixed(1) : megapixels.toPrecision(2);
}
