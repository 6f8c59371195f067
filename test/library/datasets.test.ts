import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  BrokenManifestError,
  datasetFolder,
  datasetsRoot,
  DatasetNotFoundError,
  listDatasets,
  readDatasetManifest,
  scanDatasets,
} from '../../src-main/library/datasets';
import { importFolder } from '../../src-main/library/import/import-folder';
import { patternPixels, rawImage, writeFileIn } from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

let temp: string;
let home: string;

beforeAll(async () => {
  temp = tempFolder('datasets');
  home = join(temp, 'home');
  const folder = join(temp, 'images');
  for (const seed of [1, 2, 3]) {
    writeFileIn(
      folder,
      `pets/${seed}.png`,
      await rawImage(patternPixels(16, 16, seed), 16, 16)
        .png()
        .toBuffer(),
    );
  }
  writeFileIn(folder, 'notes.txt', 'not an image');
  await importFolder({ folder, home, name: 'beta', size: 32 });
  await importFolder({ folder, home, name: 'alpha', size: 64 });
  const { manifest } = await importFolder({ folder, home, name: 'tampered', size: 32 });
  writeFileSync(
    join(datasetFolder(home, 'tampered'), 'manifest.json'),
    JSON.stringify({ ...manifest, pixelCache: { ...manifest.pixelCache, file: '../../../etc/passwd' } }),
  );
  // An import in progress (or one that crashed), a folder with bad JSON, one with no manifest, a loose file.
  mkdirSync(join(datasetsRoot(home), '.importing-gamma-abc123'));
  writeFileIn(datasetsRoot(home), 'garbled/manifest.json', '{"formatVersion": 1, ');
  mkdirSync(join(datasetsRoot(home), 'empty'));
  writeFileIn(datasetsRoot(home), 'stray.txt', 'x');
});

describe('listDatasets', () => {
  it('lists readable datasets by name with their summaries', () => {
    expect(listDatasets(home)).toEqual([
      expect.objectContaining({
        id: 'alpha',
        name: 'alpha',
        imageSize: 64,
        count: 3,
        labels: ['pets'],
        skipped: 1,
      }),
      expect.objectContaining({ id: 'beta', name: 'beta', imageSize: 32, count: 3, duplicates: 0 }),
    ]);
  });

  it('reports broken folders with a reason instead of failing, and ignores staging folders', () => {
    const { broken } = scanDatasets(home);
    expect(broken.map((entry) => [entry.name, entry.reason])).toEqual([
      ['empty', 'no manifest.json'],
      ['garbled', expect.stringMatching(/^manifest\.json is not valid JSON/)],
      ['tampered', 'manifest.json is not a dataset manifest (pixelCache.file: expected a plain file name)'],
    ]);
  });

  it('is empty for a library with no datasets folder yet', () => {
    expect(listDatasets(join(temp, 'fresh-home'))).toEqual([]);
  });
});

describe('readDatasetManifest', () => {
  it('finds a dataset by name', () => {
    const manifest = readDatasetManifest(home, 'beta');
    expect(manifest.items).toHaveLength(3);
    expect(manifest.skipped).toEqual([{ path: 'notes.txt', reason: 'not an image (text file named .txt)' }]);
  });

  it('names the datasets there are when asked for one that is not', () => {
    expect(() => readDatasetManifest(home, 'gamma')).toThrow(
      new DatasetNotFoundError('gamma', ['alpha', 'beta']),
    );
    expect(() => readDatasetManifest(home, 'gamma')).toThrow('no dataset named "gamma" (have: alpha, beta)');
    expect(() => readDatasetManifest(home, '../beta')).toThrow(DatasetNotFoundError);
  });

  it('says why a broken dataset cannot be read', () => {
    expect(() => readDatasetManifest(home, 'garbled')).toThrow(BrokenManifestError);
    expect(() => readDatasetManifest(home, 'empty')).toThrow(
      'dataset "empty" can\'t be read: no manifest.json',
    );
  });
});
