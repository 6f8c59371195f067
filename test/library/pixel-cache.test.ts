import { openSync, closeSync, writeSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import type { DatasetManifest } from '../../src-main/shared/dataset';
import { importFolder } from '../../src-main/library/import/import-folder';
import { openPixelCache, pixelCachePath, verifyPixelCache } from '../../src-main/library/pixel-cache';
import { BLUE, GREEN, pixelAt, rawImage, RED, solidPixels, writeFileIn } from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

let temp: string;
let home: string;
let manifest: DatasetManifest;

beforeAll(async () => {
  temp = tempFolder('pixel-cache');
  home = join(temp, 'home');
  const folder = join(temp, 'colours');
  // Named so that path order is red, green, blue.
  for (const [name, colour] of [
    ['1-red.png', RED],
    ['2-green.png', GREEN],
    ['3-blue.png', BLUE],
  ] as const) {
    writeFileIn(
      folder,
      name,
      await rawImage(solidPixels(12, 12, colour), 12, 12)
        .png()
        .toBuffer(),
    );
  }
  ({ manifest } = await importFolder({ folder, home, name: 'colours', size: 32 }));
});

describe('openPixelCache', () => {
  it('reads a batch of images in the order asked, repeats allowed', () => {
    const cache = openPixelCache(home, manifest);
    try {
      expect([cache.count, cache.size, cache.bytesPerImage]).toEqual([3, 32, 3072]);
      const batch = cache.readImages([2, 0, 2, 1]);
      expect(batch.length).toBe(4 * 3072);
      const colourOf = (slot: number) => pixelAt(batch, 32, 16, 16, slot * 3072);
      expect([colourOf(0), colourOf(1), colourOf(2), colourOf(3)]).toEqual([BLUE, RED, BLUE, GREEN]);
      // Whole images, not just their first pixel.
      expect(pixelAt(batch, 32, 31, 31, 1 * 3072)).toEqual(RED);
      expect(cache.readImages([]).length).toBe(0);
    } finally {
      cache.close();
    }
  });

  it('refuses indices outside the dataset, and reads after close', () => {
    const cache = openPixelCache(home, manifest);
    expect(() => cache.readImages([3])).toThrow(
      /image index 3 is out of range: dataset "colours" has 3 images/,
    );
    expect(() => cache.readImages([-1])).toThrow(RangeError);
    expect(() => cache.readImages([0.5])).toThrow(RangeError);
    cache.close();
    expect(() => cache.readImages([0])).toThrow(/closed/);
  });

  it('refuses a pixel cache whose length does not match the manifest', () => {
    const lying = { ...manifest, items: [...manifest.items, ...manifest.items] };
    expect(() => openPixelCache(home, lying)).toThrow(
      'dataset "colours": pixel cache is 9216 bytes, expected 18432 (6 images x 3072 bytes)',
    );
  });

  it('verifies the content hash, and notices a changed byte', async () => {
    expect(await verifyPixelCache(home, manifest)).toEqual({
      ok: true,
      expected: manifest.contentHash,
      actual: manifest.contentHash,
    });
    const path = pixelCachePath(home, manifest);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([7]), 0, 1, 5000);
    closeSync(fd);
    const result = await verifyPixelCache(home, manifest);
    expect(result.ok).toBe(false);
    expect(result.actual).not.toBe(manifest.contentHash);
  });

  it('refuses a truncated pixel cache', () => {
    truncateSync(pixelCachePath(home, manifest), 3 * 3072 - 1);
    expect(() => openPixelCache(home, manifest)).toThrow(/pixel cache is 9215 bytes, expected 9216/);
  });
});
