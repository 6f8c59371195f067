import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock } from '../../src-main/library/run-lock';
import { createRun, listRunNames, runFolder } from '../../src-main/library/runs';
import {
  EVERYTHING,
  emptyTrash,
  listTrash,
  restoreFromTrash,
  trashDataset,
  trashRun,
} from '../../src-main/library/trash';
import { tempFolder } from '../fixtures/temp-folders';

/** A library with dataset `shapes` (a stand-in folder: the trash never reads it) and runs on it. */
function library(...runs: string[]): string {
  const home = tempFolder('gan-trash');
  mkdirSync(join(home, 'datasets', 'shapes'), { recursive: true });
  writeFileSync(join(home, 'datasets', 'shapes', 'pixels.bin'), Buffer.from([1, 2, 3]));
  for (const name of runs)
    createRun(home, {
      name,
      model: 'dcgan',
      dataset: 'shapes',
      datasetHash: 'h',
      totalSteps: 10,
      config: {},
    });
  return home;
}

describe('the library trash', () => {
  it('deletes a run into the trash and restores it exactly as it was', () => {
    const home = library('cats-1', 'cats-2');
    const meta = readFileSync(join(runFolder(home, 'cats-1'), 'meta.json'), 'utf8');
    const item = trashRun(home, 'cats-1');
    expect(item).toMatchObject({ kind: 'run', name: 'cats-1' });
    expect(listRunNames(home)).toEqual(['cats-2']);
    expect(listTrash(home)).toEqual([item]);

    expect(restoreFromTrash(home, item.id)).toEqual(item);
    expect(listRunNames(home).sort()).toEqual(['cats-1', 'cats-2']);
    expect(readFileSync(join(runFolder(home, 'cats-1'), 'meta.json'), 'utf8')).toBe(meta);
    expect(listTrash(home)).toEqual([]);
  });

  it('refuses to delete a run while a process is training it', () => {
    const home = library('busy');
    const release = acquireRunLock(runFolder(home, 'busy'), 'busy');
    try {
      expect(() => trashRun(home, 'busy')).toThrow('run busy is training: stop it first, then delete it');
      expect(existsSync(runFolder(home, 'busy'))).toBe(true);
    } finally {
      release();
    }
    expect(trashRun(home, 'busy').name).toBe('busy');
  });

  it('deletes a dataset, naming the runs made from it, unless one of them is training', () => {
    const home = library('a', 'b');
    const release = acquireRunLock(runFolder(home, 'b'), 'b');
    expect(() => trashDataset(home, 'shapes')).toThrow(
      'run b is training on shapes: stop it first, then delete the dataset',
    );
    release();
    const item = trashDataset(home, 'shapes');
    expect(item).toMatchObject({ kind: 'dataset', name: 'shapes', usedBy: ['a', 'b'] });
    expect(existsSync(join(home, 'datasets', 'shapes'))).toBe(false);
    restoreFromTrash(home, item.id);
    expect([...readFileSync(join(home, 'datasets', 'shapes', 'pixels.bin'))]).toEqual([1, 2, 3]);
  });

  it('says what is wrong: no such item, an unknown id, a name taken again', () => {
    const home = library('again');
    expect(() => trashRun(home, 'missing')).toThrow('no run named missing');
    expect(() => trashRun(home, '../datasets')).toThrow(/invalid run name/);
    expect(() => restoreFromTrash(home, 'nope-run-again')).toThrow(
      'nothing in the trash has the id nope-run-again',
    );
    const item = trashRun(home, 'again');
    createRun(home, {
      name: 'again',
      model: 'dcgan',
      dataset: 'shapes',
      datasetHash: 'h',
      totalSteps: 5,
      config: {},
    });
    expect(() => restoreFromTrash(home, item.id)).toThrow(
      'a run named again exists again: delete or rename it, then restore',
    );
    expect(listTrash(home)).toEqual([item]);
  });

  it('empties only what was deleted before the cutoff', async () => {
    const home = library('old', 'new');
    const first = trashRun(home, 'old');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = trashRun(home, 'new');
    expect(emptyTrash(home)).toEqual([]); // both are younger than a week
    expect(emptyTrash(home, new Date(second.deletedAt))).toEqual([first]);
    expect(existsSync(join(home, 'trash', first.id))).toBe(false);
    expect(emptyTrash(home, EVERYTHING)).toEqual([second]);
    expect(listTrash(home)).toEqual([]);
    expect(existsSync(join(home, 'trash', second.id))).toBe(false);
  });
});
