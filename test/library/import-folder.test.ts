import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import type { ImportProgressEvent } from '../../src-main/shared/job-events';
import { datasetsRoot, listDatasets, readDatasetManifest } from '../../src-main/library/datasets';
import { DatasetExistsError, NoUsableImagesError } from '../../src-main/library/import/import-errors';
import {
  importDoneEvent,
  importFolder,
  importSources,
  type ImportResult,
} from '../../src-main/library/import/import-folder';
import { openPixelCache, verifyPixelCache } from '../../src-main/library/pixel-cache';
import {
  animatedGif,
  BLUE,
  exifRotatedJpeg,
  GREEN,
  makeFifo,
  near,
  paletteWithAlpha,
  patternPixels,
  pixelAt,
  png16,
  pngClaimingSize,
  rawImage,
  RED,
  solidPixels,
  truncatedJpeg,
  WHITE,
  writeFileIn,
} from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

const SIZE = 32;
let temp: string;
let folder: string;
let home: string;
let first: ImportResult;
const events: ImportProgressEvent[] = [];

/** Every file in the mixed folder, and what must become of it. */
const EXPECTED_IMAGES = [
  '16bit.png',
  'a-photo.jpg',
  'anim.gif',
  'b.png',
  'c.webp',
  'cats/cat1-copy.png',
  'cmyk.jpg',
  'd.tiff',
  'dogs/deep/dog1.jpg',
  'dogs/rotated.jpg',
  'f.avif',
  'palette-alpha.png',
  'wide.png',
];
const EXPECTED_SKIPPED: Record<string, RegExp> = {
  'broken/truncated.jpg': /^truncated or corrupt JPEG data$/,
  'empty.jpg': /^empty file$/,
  'notes.png': /^not an image \(text file named \.png\)$/,
  'huge.png': /^image is 100000x100000 \(10000 megapixels\), over the 64 megapixel limit$/,
  loop: /^symbolic link: not followed$/,
  'link.png': /^symbolic link: not followed$/,
  'pipe.jpg': /^named pipe \(FIFO\): not a regular file$/,
};

async function makeMixedFolder(root: string): Promise<void> {
  const pattern = (seed: number, width = 40, height = 40) =>
    rawImage(patternPixels(width, height, seed), width, height);
  writeFileIn(root, 'a-photo.jpg', await pattern(1).jpeg().toBuffer());
  writeFileIn(root, 'b.png', await pattern(2).png().toBuffer());
  writeFileIn(root, 'c.webp', await pattern(3).webp().toBuffer());
  writeFileIn(root, 'd.tiff', await pattern(4).tiff().toBuffer());
  writeFileIn(root, 'anim.gif', await animatedGif(40, [RED, BLUE]));
  writeFileIn(root, 'f.avif', await pattern(6).avif().toBuffer());
  const cat = await pattern(5).png().toBuffer();
  writeFileIn(root, 'cats/cat1.png', cat);
  writeFileIn(root, 'cats/cat1-copy.png', cat);
  // Same pixels, other format: a duplicate is judged by pixels, not bytes.
  writeFileIn(root, 'cats/cat1.webp', await pattern(5).webp({ lossless: true }).toBuffer());
  writeFileIn(root, 'dogs/deep/dog1.jpg', await pattern(7).jpeg().toBuffer());
  writeFileIn(root, 'dogs/rotated.jpg', await exifRotatedJpeg(64, 32));
  writeFileIn(root, '16bit.png', png16(20, 20, [0x1000, 0x8080, 0xf0f0]));
  writeFileIn(root, 'cmyk.jpg', await pattern(8).toColourspace('cmyk').jpeg().toBuffer());
  writeFileIn(root, 'palette-alpha.png', await paletteWithAlpha(SIZE, GREEN));
  writeFileIn(root, 'wide.png', await pattern(9, 90, 30).png().toBuffer());
  writeFileIn(root, 'broken/truncated.jpg', await truncatedJpeg(200));
  writeFileIn(root, 'empty.jpg', Buffer.alloc(0));
  writeFileIn(root, 'notes.png', 'remember to buy film\n');
  writeFileIn(root, 'huge.png', pngClaimingSize(100_000, 100_000));
  writeFileIn(root, '.hidden.png', await pattern(10).png().toBuffer());
  writeFileIn(root, '.git/thumb.png', await pattern(11).png().toBuffer());
  symlinkSync(root, join(root, 'loop'));
  symlinkSync(join(root, 'b.png'), join(root, 'link.png'));
  makeFifo(join(root, 'pipe.jpg'));
}

beforeAll(async () => {
  temp = tempFolder('import');
  folder = join(temp, 'mixed');
  home = join(temp, 'home');
  await makeMixedFolder(folder);
  const started = performance.now();
  first = await importFolder({
    folder,
    home,
    name: 'mixed',
    size: SIZE,
    onProgress: (event) => events.push(event),
  });
  console.info(
    `imported ${first.counts.imported} images (+${first.counts.duplicates} duplicates, ${first.counts.skipped} skipped) ` +
      `at ${SIZE} px in ${(performance.now() - started).toFixed(0)} ms`,
  );
});

const stagingLeft = () => readdirSync(datasetsRoot(home)).filter((name) => name.startsWith('.importing-'));

describe('importFolder on a folder of good, bad and odd files', () => {
  it('imports every usable image, in path order, and counts what it left out', () => {
    expect(first.manifest.items.map((item) => item.source)).toEqual(EXPECTED_IMAGES);
    expect(first.counts).toEqual({ imported: EXPECTED_IMAGES.length, skipped: 7, duplicates: 2 });
  });

  it('gives every skipped file its reason', () => {
    const skipped = new Map(first.manifest.skipped.map((entry) => [entry.path, entry.reason]));
    expect([...skipped.keys()].sort()).toEqual(Object.keys(EXPECTED_SKIPPED).sort());
    for (const [path, reason] of Object.entries(EXPECTED_SKIPPED)) expect(skipped.get(path)).toMatch(reason);
  });

  it('ignores hidden files and folders entirely', () => {
    const mentioned = [
      ...first.manifest.items.map((item) => item.source),
      ...first.manifest.skipped.map((entry) => entry.path),
    ];
    expect(mentioned.filter((path) => path.includes('.hidden') || path.includes('.git'))).toEqual([]);
  });

  it('lists exact duplicates and a same-pixels file in another format against the first kept', () => {
    expect(first.manifest.duplicates).toEqual([
      { path: 'cats/cat1.png', duplicateOf: 'cats/cat1-copy.png' },
      { path: 'cats/cat1.webp', duplicateOf: 'cats/cat1-copy.png' },
    ]);
  });

  it('labels images by their first subfolder, sorted, and leaves top-level images unlabelled', () => {
    const { labels, items } = first.manifest;
    // 'broken' holds no usable image, so it is no class.
    expect(labels).toEqual(['cats', 'dogs']);
    const labelOf = (source: string) => items.find((item) => item.source === source)?.label;
    expect(labelOf('cats/cat1-copy.png')).toBe(0);
    expect(labelOf('dogs/deep/dog1.jpg')).toBe(1);
    expect(labelOf('dogs/rotated.jpg')).toBe(1);
    expect(labelOf('b.png')).toBeNull();
  });

  it('writes the manifest and a pixel cache of exactly count x size x size x 3 bytes', async () => {
    const manifestOnDisk = JSON.parse(readFileSync(join(first.folder, 'manifest.json'), 'utf8'));
    expect(manifestOnDisk).toEqual(first.manifest);
    const pixels = readFileSync(join(first.folder, 'pixels.bin'));
    expect(pixels.length).toBe(EXPECTED_IMAGES.length * SIZE * SIZE * 3);
    expect(first.manifest.pixelCache).toEqual({
      file: 'pixels.bin',
      layout: 'NHWC-uint8-RGB',
      bytesPerImage: 3072,
    });
    expect(first.manifest.contentHash).toBe(createHash('sha256').update(pixels).digest('hex'));
    expect((await verifyPixelCache(home, first.manifest)).ok).toBe(true);
    expect(first.manifest).toMatchObject({ name: 'mixed', sourceFolder: folder, imageSize: 32, fit: 'crop' });
    expect(first.manifest.background).toBe('#ffffff');
    expect(stagingLeft()).toEqual([]);
  });

  it('stores normalized pixels: first GIF frame, rotation applied, alpha on white, 16-bit reduced', () => {
    const cache = openPixelCache(home, first.manifest);
    try {
      const at = (source: string) => {
        const index = EXPECTED_IMAGES.indexOf(source);
        expect(index).toBeGreaterThanOrEqual(0);
        return cache.readImages([index]);
      };
      expect(near(pixelAt(at('anim.gif'), SIZE, 16, 16), RED)).toBe(true);
      const rotated = at('dogs/rotated.jpg');
      expect(near(pixelAt(rotated, SIZE, 16, 3), RED, 30)).toBe(true);
      expect(near(pixelAt(rotated, SIZE, 16, 28), BLUE, 30)).toBe(true);
      const palette = at('palette-alpha.png');
      expect(pixelAt(palette, SIZE, 5, 2)).toEqual(WHITE);
      expect(near(pixelAt(palette, SIZE, 5, 29), GREEN, 4)).toBe(true);
      expect(pixelAt(at('16bit.png'), SIZE, 10, 10)).toEqual([0x10, 0x80, 0xf0]);
    } finally {
      cache.close();
    }
  });

  it('reports progress through scanning, decoding and writing, each ending with done === total', () => {
    const phases = [...new Set(events.map((event) => event.phase))];
    expect(phases).toEqual(['scanning', 'decoding', 'writing']);
    for (const phase of phases) {
      const last = events.filter((event) => event.phase === phase).at(-1);
      expect(last && last.done === last.total).toBe(true);
    }
    const decoding = events.filter((event) => event.phase === 'decoding');
    // Decoded: images + duplicates + files skipped only after reading (truncated, empty, text, huge).
    expect(decoding.at(-1)?.total).toBe(EXPECTED_IMAGES.length + 2 + 4);
    expect(events.at(-1)).toEqual({ event: 'progress', phase: 'writing', done: 1, total: 1 });
    for (const event of events) expect(event.done).toBeLessThanOrEqual(event.total);
  });

  it('makes the same pixel cache and content hash from the same folder every time', async () => {
    const again = await importFolder({ folder, home, name: 'mixed-again', size: SIZE });
    expect(again.manifest.contentHash).toBe(first.manifest.contentHash);
    expect(again.manifest.items).toEqual(first.manifest.items);
    expect(
      readFileSync(join(again.folder, 'pixels.bin')).equals(readFileSync(join(first.folder, 'pixels.bin'))),
    ).toBe(true);
  });

  it('summarizes itself as a done event', () => {
    expect(importDoneEvent(first)).toEqual({
      event: 'done',
      dataset: 'mixed',
      imported: EXPECTED_IMAGES.length,
      skipped: 7,
      duplicates: 2,
      skippedFiles: first.manifest.skipped,
    });
  });

  it('shows up in the dataset listing', () => {
    const names = listDatasets(home).map((summary) => summary.name);
    expect(names).toContain('mixed');
    expect(readDatasetManifest(home, 'mixed').contentHash).toBe(first.manifest.contentHash);
  });
});

describe('importFolder refusals and cleanup', () => {
  it('refuses a name that is already taken and leaves that dataset untouched', async () => {
    const before = readFileSync(join(first.folder, 'pixels.bin'));
    await expect(importFolder({ folder, home, name: 'mixed', size: 64 })).rejects.toThrow(DatasetExistsError);
    expect(readFileSync(join(first.folder, 'pixels.bin')).equals(before)).toBe(true);
    expect(stagingLeft()).toEqual([]);
  });

  it('refuses an invalid name, size or background before reading anything', async () => {
    await expect(importFolder({ folder, home, name: '../escape', size: SIZE })).rejects.toThrow(
      /invalid dataset name/,
    );
    // @ts-expect-error a size outside DATASET_SIZES, as an untyped caller might send
    await expect(importFolder({ folder, home, name: 'odd', size: 48 })).rejects.toThrow(
      /invalid image size 48/,
    );
    await expect(
      importFolder({ folder, home, name: 'odd', size: SIZE, background: 'white' }),
    ).rejects.toThrow(/invalid background colour/);
    await expect(
      importFolder({ folder, home, name: 'odd', size: SIZE, limits: { concurrency: 0 } }),
    ).rejects.toThrow('invalid import limit concurrency: 0 (must be a positive number)');
    expect(existsSync(join(datasetsRoot(home), 'odd'))).toBe(false);
  });

  it('cleans up when aborted mid-decode', async () => {
    const controller = new AbortController();
    const seen: ImportProgressEvent[] = [];
    let stagingWhenAborted: string[] = [];
    const attempt = importFolder({
      folder,
      home,
      name: 'aborted',
      size: SIZE,
      signal: controller.signal,
      onProgress: (event) => {
        seen.push(event);
        // The first decoding event comes once the staging folder exists; later ones are throttled by time.
        if (event.phase === 'decoding' && !controller.signal.aborted) {
          stagingWhenAborted = stagingLeft();
          controller.abort();
        }
      },
    });
    await expect(attempt).rejects.toThrow(/abort/i);
    expect(stagingWhenAborted).toHaveLength(1);
    expect(seen.some((event) => event.phase === 'writing')).toBe(false);
    expect(existsSync(join(datasetsRoot(home), 'aborted'))).toBe(false);
    expect(stagingLeft()).toEqual([]);
  });

  it('does nothing when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      importFolder({ folder, home, name: 'never', size: SIZE, signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
    expect(existsSync(join(datasetsRoot(home), 'never'))).toBe(false);
  });

  it('removes its staging folder when the final step fails', async () => {
    // Another import taking the name while this one runs: the final rename must refuse, and clean up.
    const racer = join(datasetsRoot(home), 'raced');
    await expect(
      importFolder({
        folder,
        home,
        name: 'raced',
        size: SIZE,
        onProgress: (event) => {
          if (event.phase === 'writing' && event.done === 0) copyDataset(first.folder, racer);
        },
      }),
    ).rejects.toThrow(DatasetExistsError);
    expect(readDatasetManifest(home, 'mixed').contentHash).toBe(first.manifest.contentHash);
    expect(stagingLeft()).toEqual([]);
  });

  it('says so, listing what it skipped, when a folder has no usable image', async () => {
    const bad = join(temp, 'bad');
    writeFileIn(bad, 'empty.jpg', Buffer.alloc(0));
    writeFileIn(bad, 'notes.png', 'not a picture');
    writeFileIn(bad, 'cut.jpg', await truncatedJpeg(64));
    const attempt = importFolder({ folder: bad, home, name: 'bad', size: SIZE });
    await expect(attempt).rejects.toThrow(`no usable images in ${bad}: 3 files skipped`);
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoUsableImagesError);
    expect((error as NoUsableImagesError).skipped.map((entry) => entry.path).sort()).toEqual([
      'cut.jpg',
      'empty.jpg',
      'notes.png',
    ]);
    expect(existsSync(join(datasetsRoot(home), 'bad'))).toBe(false);
    expect(stagingLeft()).toEqual([]);
  });
});

describe('importFolder on an empty folder', () => {
  it('says no files were found', async () => {
    const empty = join(temp, 'empty');
    writeFileIn(empty, '.DS_Store', 'hidden litter only');
    await expect(importFolder({ folder: empty, home, name: 'empty', size: SIZE })).rejects.toThrow(
      `no usable images in ${empty}: no files found`,
    );
  });
});

describe('importSources', () => {
  it('imports dropped folders as classes and loose images without one', async () => {
    const drop = join(temp, 'drop');
    writeFileIn(
      drop,
      'reds/r.png',
      await rawImage(solidPixels(8, 8, RED), 8, 8)
        .png()
        .toBuffer(),
    );
    writeFileIn(
      drop,
      'blues/b.png',
      await rawImage(solidPixels(8, 8, BLUE), 8, 8)
        .png()
        .toBuffer(),
    );
    writeFileIn(
      drop,
      'loose.png',
      await rawImage(solidPixels(8, 8, GREEN), 8, 8)
        .png()
        .toBuffer(),
    );
    const { manifest } = await importSources({
      sources: [join(drop, 'reds'), join(drop, 'loose.png'), join(drop, 'blues')],
      home,
      name: 'dropped',
      size: 32,
      fit: 'pad',
    });
    expect(manifest.sourceFolder).toBe(drop);
    expect(manifest.labels).toEqual(['blues', 'reds']);
    expect(manifest.items.map((item) => [item.source, item.label])).toEqual([
      ['blues/b.png', 0],
      ['loose.png', null],
      ['reds/r.png', 1],
    ]);
    expect(manifest.fit).toBe('pad');
  });
});

function copyDataset(from: string, to: string): void {
  // A real second dataset under the contested name.
  mkdirSync(to);
  for (const file of readdirSync(from)) copyFileSync(join(from, file), join(to, file));
}
