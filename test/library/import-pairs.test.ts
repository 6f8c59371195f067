import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  datasetFolder,
  listDatasets,
  readDatasetManifest,
  scanDatasets,
} from '../../src-main/library/datasets';
import { DatasetExistsError } from '../../src-main/library/import/import-errors';
import { chooseHeldOut } from '../../src-main/library/import-pairs/held-out-split';
import {
  importPairs,
  importPairsDoneEvent,
  type ImportPairsResult,
} from '../../src-main/library/import-pairs/import-pairs';
import { matchPairs, pairKey } from '../../src-main/library/import-pairs/match-pairs';
import { openPairedPixelCaches } from '../../src-main/library/paired-pixel-caches';
import {
  scenePixels,
  scenePng,
  writeDayNightFolders,
  writeSideBySideFolder,
} from '../fixtures/day-night-scenes';
import { BLUE, bandedPixels, near, pixelAt, RED, truncatedJpeg, writeFileIn } from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

const SIZE = 32;
let temp: string;
let home: string;
let day: string;
let night: string;
let result: ImportPairsResult;

const found = (relativePath: string) => ({ absolutePath: `/x/${relativePath}`, relativePath, bytes: 1 });
const meanOf = (bytes: Uint8Array) => bytes.reduce((sum, value) => sum + value, 0) / bytes.length;

beforeAll(async () => {
  temp = tempFolder('pairs');
  home = join(temp, 'home');
  ({ day, night } = await writeDayNightFolders(temp, 8, 48));
  writeFileIn(day, 'extra.png', readFileSync(join(day, 'scene-001.png'))); // no partner
  writeFileIn(night, 'orphan.jpg', readFileSync(join(night, 'scene-001.jpg'))); // no partner
  writeFileIn(day, 'twice.png', readFileSync(join(day, 'scene-003.png'))); // two A files named "twice"
  writeFileIn(day, 'twice.jpg', readFileSync(join(night, 'scene-003.jpg')));
  writeFileIn(night, 'twice.png', readFileSync(join(night, 'scene-003.jpg')));
  writeFileIn(night, 'scene-002.jpg', await truncatedJpeg(48)); // its day partner is then alone
  writeFileIn(day, 'scene-copy.png', readFileSync(join(day, 'scene-000.png'))); // a duplicate pair
  writeFileIn(night, 'scene-copy.jpg', readFileSync(join(night, 'scene-000.jpg')));
  writeFileIn(day, 'street/corner.png', await scenePng(20, 'day', 48)); // pairs in subfolders too
  writeFileIn(
    night,
    'street/corner.webp',
    await sharp(await scenePng(20, 'night', 48))
      .webp({ lossless: true })
      .toBuffer(),
  );
  result = await importPairs({
    source: { layout: 'two-folders', a: day, b: night },
    home,
    name: 'street',
    size: SIZE,
    heldOutFraction: 0.25,
    splitSeed: 7,
  });
});

describe('matching files by name', () => {
  it('takes the path without its extension as the name', () => {
    expect(pairKey('street/scene-004.jpg')).toBe('street/scene-004');
    expect(pairKey('a.b/c')).toBe('a.b/c');
    expect(pairKey('.hidden')).toBe('.hidden');
  });

  it('pairs names across sides and lists the rest with reasons', () => {
    const { pairs, unpartnered } = matchPairs(
      [found('x.jpg'), found('y.png'), found('dup.png'), found('dup.jpg')],
      [found('x.png'), found('z.png'), found('dup.png')],
    );
    expect(pairs.map((p) => [p.a.relativePath, p.b.relativePath])).toEqual([['x.jpg', 'x.png']]);
    expect(unpartnered.map((u) => [u.side, u.path])).toEqual([
      ['a', 'dup.jpg'],
      ['a', 'dup.png'],
      ['a', 'y.png'],
      ['b', 'dup.png'],
      ['b', 'z.png'],
    ]);
    expect(unpartnered[0]!.reason).toMatch(/2 files on side A are named dup/);
    expect(unpartnered.find((u) => u.path === 'z.png')!.reason).toBe('no file named z.* on side A');
  });
});

describe('the held-out split', () => {
  it('holds out the asked share, at least one and never all, the same for the same seed', () => {
    expect(chooseHeldOut(100, 0.1, 3)).toHaveLength(10);
    expect(chooseHeldOut(100, 0.1, 3)).toEqual(chooseHeldOut(100, 0.1, 3));
    expect(chooseHeldOut(100, 0.1, 3)).not.toEqual(chooseHeldOut(100, 0.1, 4));
    expect(chooseHeldOut(5, 0.01, 0)).toHaveLength(1);
    expect(chooseHeldOut(2, 0.9, 0)).toHaveLength(1);
    expect(chooseHeldOut(1, 0.5, 0)).toEqual([]);
    expect(chooseHeldOut(10, 0, 0)).toEqual([]);
    const split = chooseHeldOut(50, 0.2, 1);
    expect(split).toEqual([...split].sort((a, b) => a - b));
    expect(() => chooseHeldOut(10, 1, 0)).toThrow(/fraction/);
  });
});

describe('importPairs from two folders', () => {
  it('keeps the pairs whose two files decode, in name order, side B aligned with side A', () => {
    const { manifest } = result;
    expect(manifest.kind).toBe('paired');
    const keys = [
      'scene-000',
      'scene-001',
      'scene-003',
      'scene-004',
      'scene-005',
      'scene-006',
      'scene-007',
      'street/corner',
    ];
    expect(manifest.items.map((item) => item.source)).toEqual(keys.map((key) => `${key}.png`));
    expect(manifest.paired!.itemsB.map((item) => item.source)).toEqual([
      ...keys.slice(0, -1).map((key) => `${key}.jpg`),
      'street/corner.webp',
    ]);
    expect(manifest.duplicates).toEqual([{ path: 'day/scene-copy.png', duplicateOf: 'day/scene-000.png' }]);
  });

  it('lists files without a partner and skipped files, each with its reason', () => {
    const unpartnered = Object.fromEntries(
      result.manifest.paired!.unpartnered.map((u) => [`${u.side}:${u.path}`, u.reason]),
    );
    expect(Object.keys(unpartnered).sort()).toEqual([
      'a:extra.png',
      'a:scene-002.png',
      'a:twice.jpg',
      'a:twice.png',
      'b:orphan.jpg',
      'b:twice.png',
    ]);
    expect(unpartnered['a:extra.png']).toBe('no file named extra.* on side B');
    expect(unpartnered['a:scene-002.png']).toBe('its partner night/scene-002.jpg was skipped');
    expect(unpartnered['b:twice.png']).toBe('no file named twice.* on side A');
    expect(result.manifest.skipped).toEqual([
      { path: 'night/scene-002.jpg', reason: 'truncated or corrupt JPEG data' },
    ]);
    const done = importPairsDoneEvent(result);
    expect(done).toMatchObject({ imported: 8, skipped: 1, duplicates: 1, heldOut: 2 });
    expect(done.unpartnered).toHaveLength(6);
  });

  it('records the held-out split, fixed by its seed', () => {
    const { split } = result.manifest.paired!;
    expect(split).toEqual({ seed: 7, heldOutFraction: 0.25, heldOut: chooseHeldOut(8, 0.25, 7) });
    const opened = openPairedPixelCaches(home, result.manifest);
    expect([...opened.trainIndices, ...opened.heldOutIndices].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(opened.heldOutIndices).toEqual(split.heldOut);
    opened.close();
  });

  it('stores day in side A and night in side B, pair by pair', async () => {
    const opened = openPairedPixelCaches(home, result.manifest);
    const all = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(meanOf(opened.a.readImages(all))).toBeGreaterThan(meanOf(opened.b.readImages(all)) + 60);
    // Pair 2 is scene 3: its day image as rendered straight at 32 px, within resampling differences.
    const expected = await scenePixels(3, 'day', SIZE);
    const stored = opened.a.readImages([2]);
    expect(meanOf(stored.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(12);
    opened.close();
  });

  it('is listed as a paired dataset and read back like any dataset', () => {
    const summary = listDatasets(home).find((d) => d.name === 'street');
    expect(summary).toMatchObject({ kind: 'paired', count: 8, heldOut: 2, imageSize: SIZE });
    expect(readDatasetManifest(home, 'street')).toEqual(result.manifest);
  });

  it('refuses a second dataset of the same name, the same folder twice, and folders with no pairs', async () => {
    const source = { layout: 'two-folders' as const, a: day, b: night };
    await expect(importPairs({ source, home, name: 'street', size: SIZE })).rejects.toBeInstanceOf(
      DatasetExistsError,
    );
    await expect(
      importPairs({ source: { layout: 'two-folders', a: day, b: day }, home, name: 'same', size: SIZE }),
    ).rejects.toThrow(/folders A and B are the same folder/);
    await expect(
      importPairs({
        source: { layout: 'two-folders', a: day, b: join(temp, 'nowhere') },
        home,
        name: 'gone',
        size: SIZE,
      }),
    ).rejects.toThrow(/folder B .*nowhere: no such file or folder/);
    const lonely = join(temp, 'lonely');
    writeFileIn(lonely, 'unrelated.png', readFileSync(join(day, 'scene-001.png')));
    await expect(
      importPairs({ source: { layout: 'two-folders', a: day, b: lonely }, home, name: 'none', size: SIZE }),
    ).rejects.toThrow(/no usable pairs in .*files without a partner/);
    expect(scanDatasets(home).datasets.map((d) => d.name)).toEqual(['street']);
  });

  it('notices a paired manifest whose two sides disagree', () => {
    const folder = datasetFolder(home, 'street');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    const copy = join(home, 'datasets', 'street-broken');
    writeFileIn(
      copy,
      'manifest.json',
      JSON.stringify({ ...manifest, name: 'street-broken', paired: { ...manifest.paired, itemsB: [] } }),
    );
    const broken = scanDatasets(home).broken.find((b) => b.name === 'street-broken');
    expect(broken?.reason).toMatch(/different numbers of A and B images/);
    writeFileSync(
      join(copy, 'manifest.json'),
      JSON.stringify({ ...manifest, name: 'street-broken', kind: 'images' }),
    );
    expect(scanDatasets(home).broken.find((b) => b.name === 'street-broken')?.reason).toMatch(
      /paired without a side B/,
    );
  });
});

describe('importPairs from side-by-side images', () => {
  it('splits each image into its left (A) and right (B) half, after EXIF orientation', async () => {
    const folder = join(temp, 'side-by-side');
    await writeSideBySideFolder(folder, 3, 48);
    // Stored turned a quarter, with EXIF saying to turn it back: upright it is red | blue.
    const upright = await sharp(bandedPixels(2 * 40, 40, [RED, BLUE]), {
      raw: { width: 80, height: 40, channels: 3 },
    })
      .png()
      .toBuffer();
    const stored = await sharp(upright)
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 100 })
      .toBuffer();
    writeFileIn(folder, 'turned.jpg', stored);
    writeFileIn(folder, 'notes.png', 'not a picture');

    const { manifest } = await importPairs({
      source: { layout: 'side-by-side', folder },
      home,
      name: 'sbs',
      size: SIZE,
      heldOutFraction: 0,
    });
    expect(manifest.paired?.layout).toBe('side-by-side');
    expect(manifest.items.map((item) => item.source)).toEqual([
      'scene-000.png',
      'scene-001.png',
      'scene-002.png',
      'turned.jpg',
    ]);
    expect(manifest.skipped).toEqual([{ path: 'notes.png', reason: 'not an image (text file named .png)' }]);
    expect(manifest.paired?.split.heldOut).toEqual([]);
    const opened = openPairedPixelCaches(home, manifest);
    expect(near(pixelAt(opened.a.readImages([3]), SIZE, 16, 16), RED)).toBe(true);
    expect(near(pixelAt(opened.b.readImages([3]), SIZE, 16, 16), BLUE)).toBe(true);
    const nightScene = await scenePixels(1, 'night', SIZE);
    expect(meanOf(opened.b.readImages([1]).map((v, i) => Math.abs(v - nightScene[i]!)))).toBeLessThan(12);
    opened.close();
  });
});
