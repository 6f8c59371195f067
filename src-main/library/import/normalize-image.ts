import sharp from 'sharp';

import type { DatasetSize, SquareFit } from '../../shared/dataset';
import type { RgbColour } from './background-colour';
import type { ImportLimits } from './import-limits';
import { sharpInputOptions } from './probe-image';

/** The decoder returned pixels of the wrong shape: a bug or a sharp change, not a fault of the file. */
export class NormalizeShapeError extends Error {
  override name = 'NormalizeShapeError';
}

/** A rectangle of the upright image (after EXIF orientation), e.g. one half of a side-by-side pair. */
export interface ImageRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface NormalizeSettings {
  size: DatasetSize;
  fit: SquareFit;
  background: RgbColour;
}

/**
 * Decode one image (or `region` of it) into the form every dataset image shares: upright (EXIF orientation
 * applied), sRGB, 8 bits per channel, 3 channels with transparency flattened onto the background, size x size.
 * Returns raw RGB bytes, row by row (HWC).
 */
export async function normalizeImage(
  bytes: Buffer,
  settings: NormalizeSettings,
  limits: ImportLimits,
  region?: ImageRegion,
): Promise<Buffer> {
  const { size, fit, background } = settings;
  const upright = sharp(bytes, sharpInputOptions(limits)).autoOrient();
  const { data, info } = await (region ? upright.extract(region) : upright)
    // sharp flattens before resizing, so the letterbox bars and the flattened pixels get the same colour.
    .flatten({ background })
    // 'srgb' is 8-bit by definition: this also takes 16-bit, greyscale, palette and CMYK input to sRGB RGB.
    .toColourspace('srgb')
    .resize(size, size, {
      fit: fit === 'crop' ? 'cover' : 'contain',
      position: 'centre',
      background: { ...background, alpha: 1 },
      kernel: 'lanczos3',
      // JPEG and WebP decoders can shrink while loading, each its own way, so the same pixels stored as PNG
      // and as WebP would come out a little different and not be caught as duplicates. Measured on a 24 MP
      // JPEG to 64 px: 155-190 ms either way, so exactness costs nothing worth keeping.
      fastShrinkOnLoad: false,
    })
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });

  const expected = size * size * 3;
  if (info.width !== size || info.height !== size || info.channels !== 3 || data.length !== expected) {
    // Would mean a sharp behaviour we rely on changed; never write such bytes into a pixel cache.
    throw new NormalizeShapeError(
      `normalizing produced ${info.width}x${info.height}x${info.channels} (${data.length} bytes), expected ${size}x${size}x3`,
    );
  }
  return data;
}
