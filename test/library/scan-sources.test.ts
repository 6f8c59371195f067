import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { ImportSourceError } from '../../src-main/library/import/import-errors';
import { resolveImportLimits } from '../../src-main/library/import/import-limits';
import { scanSources } from '../../src-main/library/import/scan-sources';
import { writeFileIn } from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

let temp: string;
beforeAll(() => {
  temp = tempFolder('scan');
  writeFileIn(temp, 'animals/top.png', 'x');
  writeFileIn(temp, 'animals/cats/a.png', 'x');
  writeFileIn(temp, 'animals/cats/indoor/b.png', 'x');
  writeFileIn(temp, 'animals/dogs/c.png', 'x');
  writeFileIn(temp, 'drop/loose.jpg', 'x');
  writeFileIn(temp, 'elsewhere/deep/cats/d.png', 'x');
  symlinkSync(join(temp, 'animals/top.png'), join(temp, 'animals/cats/link.png'));
});

const limits = resolveImportLimits();
const summary = (result: Awaited<ReturnType<typeof scanSources>>) =>
  result.candidates.map((candidate) => [candidate.relativePath, candidate.label]);

describe('scanSources', () => {
  it('one folder: paths relative to it, first subfolder is the label, top-level files have none', async () => {
    const result = await scanSources([join(temp, 'animals')], { limits });
    expect(result.sourceFolder).toBe(join(temp, 'animals'));
    expect(summary(result)).toEqual([
      ['cats/a.png', 'cats'],
      ['cats/indoor/b.png', 'cats'],
      ['dogs/c.png', 'dogs'],
      ['top.png', null],
    ]);
    expect(result.skipped).toEqual([{ path: 'cats/link.png', reason: 'symbolic link: not followed' }]);
  });

  it('several folders and a loose file: each folder is a class named after it, loose files have none', async () => {
    const result = await scanSources(
      [join(temp, 'drop/loose.jpg'), join(temp, 'animals/dogs'), join(temp, 'animals/cats')],
      { limits },
    );
    expect(result.sourceFolder).toBe(temp);
    expect(summary(result)).toEqual([
      ['animals/cats/a.png', 'cats'],
      ['animals/cats/indoor/b.png', 'cats'],
      ['animals/dogs/c.png', 'dogs'],
      ['drop/loose.jpg', null],
    ]);
  });

  it('two folders with the same name share a class and keep distinct paths', async () => {
    const result = await scanSources([join(temp, 'animals/cats'), join(temp, 'elsewhere/deep/cats')], {
      limits,
    });
    expect(summary(result)).toEqual([
      ['animals/cats/a.png', 'cats'],
      ['animals/cats/indoor/b.png', 'cats'],
      ['elsewhere/deep/cats/d.png', 'cats'],
    ]);
  });

  it('lists each file once when a folder is picked together with its own subfolder', async () => {
    const result = await scanSources([join(temp, 'animals'), join(temp, 'animals/cats')], {
      limits,
    });
    expect(result.candidates.map((candidate) => candidate.absolutePath).sort()).toEqual(
      [
        join(temp, 'animals/cats/a.png'),
        join(temp, 'animals/cats/indoor/b.png'),
        join(temp, 'animals/dogs/c.png'),
        join(temp, 'animals/top.png'),
      ].sort(),
    );
    expect(result.skipped).toEqual([
      { path: 'animals/cats/link.png', reason: 'symbolic link: not followed' },
    ]);
  });

  it('gives the same result whatever order the sources are given in', async () => {
    const a = join(temp, 'animals/cats');
    const b = join(temp, 'drop');
    expect(summary(await scanSources([a, b], { limits }))).toEqual(
      summary(await scanSources([b, a], { limits })),
    );
  });

  it('refuses a source that does not exist, and an empty list', async () => {
    const missing = join(temp, 'missing');
    await expect(scanSources([missing], { limits })).rejects.toThrow(
      new ImportSourceError(`cannot import ${missing}: no such file or folder`),
    );
    await expect(scanSources([], { limits })).rejects.toThrow(/nothing to import/);
  });
});
