import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputNames } from '../../src-main/jobs/translate-job';
import { findPhotos, readPhoto, TRANSLATE_LIMITS } from '../../src-main/jobs/translate-inputs';
import {
  BLUE,
  exifRotatedJpeg,
  GREEN,
  near,
  paletteWithAlpha,
  RED,
  WHITE,
  writeFileIn,
} from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

let temp: string;

beforeAll(async () => {
  temp = tempFolder('translate-inputs');
  writeFileIn(temp, 'rotated.jpg', await exifRotatedJpeg(64, 32));
  writeFileIn(temp, 'sub/alpha.png', await paletteWithAlpha(20, GREEN));
  writeFileIn(temp, 'notes.png', 'not a picture');
});

const pixel = (image: { width: number; data: Uint8Array }, x: number, y: number) =>
  [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)] as [
    number,
    number,
    number,
  ];

describe('photos to translate', () => {
  it('finds every file under a folder, or the one file given', async () => {
    const all = await findPhotos(temp, TRANSLATE_LIMITS);
    expect(all.photos.map((p) => p.relativePath)).toEqual(['notes.png', 'rotated.jpg', 'sub/alpha.png']);
    const one = await findPhotos(join(temp, 'rotated.jpg'), TRANSLATE_LIMITS);
    expect(one.photos.map((p) => p.relativePath)).toEqual(['rotated.jpg']);
    await expect(findPhotos(join(temp, 'missing.jpg'), TRANSLATE_LIMITS)).rejects.toThrow(
      /cannot translate .*missing\.jpg: no such file or folder/,
    );
  });

  it('reads a photo upright at full size, transparency flattened onto white', async () => {
    const { photos } = await findPhotos(temp, TRANSLATE_LIMITS);
    const rotated = await readPhoto(photos[1]!, TRANSLATE_LIMITS);
    if (!rotated.ok) throw new Error(rotated.reason);
    // Stored 64x32 (red left, blue right) with EXIF orientation 6: upright it is 32x64, red on top.
    expect([rotated.image.width, rotated.image.height]).toEqual([32, 64]);
    expect(near(pixel(rotated.image, 16, 8), RED, 40)).toBe(true);
    expect(near(pixel(rotated.image, 16, 56), BLUE, 40)).toBe(true);
    const alpha = await readPhoto(photos[2]!, TRANSLATE_LIMITS);
    if (!alpha.ok) throw new Error(alpha.reason);
    expect(pixel(alpha.image, 5, 2)).toEqual([...WHITE]);
    expect(pixel(alpha.image, 5, 17)).toEqual([...GREEN]);
    expect(await readPhoto(photos[0]!, TRANSLATE_LIMITS)).toEqual({
      ok: false,
      reason: 'not an image (text file named .png)',
    });
  });

  it('names outputs after their inputs, keeping extensions only where two inputs would collide', () => {
    expect(outputNames(['street/dusk.jpg', 'dusk.png', 'street/dusk.png', 'a.b.jpg'], 'a2b')).toEqual([
      'street/dusk.jpg-a2b.png',
      'dusk-a2b.png',
      'street/dusk.png-a2b.png',
      'a.b-a2b.png',
    ]);
  });
});
