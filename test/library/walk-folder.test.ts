import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

import { resolveImportLimits, type ImportLimits } from '../../src-main/library/import/import-limits';
import { walkFolder, type WalkResult } from '../../src-main/library/import/walk-folder';
import { makeFifo, writeFileIn } from '../fixtures/make-images';
import { tempFolder } from '../fixtures/temp-folders';

let temp: string;
beforeEach(() => {
  temp = tempFolder('walk');
});

function walk(limits: Partial<ImportLimits> = {}, onFolderRead?: (done: number, total: number) => void) {
  const resolved = resolveImportLimits(limits);
  return walkFolder(temp, { limits: resolved, maxFiles: resolved.maxFiles, onFolderRead });
}

const paths = (result: WalkResult) => result.files.map((file) => file.relativePath);
const reasonFor = (result: WalkResult, path: string) =>
  result.skipped.find((entry) => entry.path === path)?.reason;

describe('walkFolder', () => {
  it('lists files recursively in name order with / separators and their sizes', async () => {
    writeFileIn(temp, 'b.png', 'bb');
    writeFileIn(temp, 'a.jpg', 'a');
    writeFileIn(temp, 'cats/x/deep.gif', 'deep');
    writeFileIn(temp, 'cats/c.webp', 'c');
    const result = await walk();
    expect(paths(result)).toEqual(['a.jpg', 'b.png', 'cats/c.webp', 'cats/x/deep.gif']);
    expect(result.files.map((file) => file.bytes)).toEqual([1, 2, 1, 4]);
    expect(result.files[3]?.absolutePath).toBe(join(temp, 'cats', 'x', 'deep.gif'));
    expect(result.skipped).toEqual([]);
  });

  it('does not follow symbolic links, so a link to a parent folder cannot loop', async () => {
    writeFileIn(temp, 'sub/real.png', 'x');
    symlinkSync(temp, join(temp, 'sub', 'loop'));
    symlinkSync(join(temp, 'sub', 'real.png'), join(temp, 'link.png'));
    symlinkSync(join(temp, 'missing'), join(temp, 'dangling.png'));
    const result = await walk();
    expect(paths(result)).toEqual(['sub/real.png']);
    for (const link of ['sub/loop', 'link.png', 'dangling.png']) {
      expect(reasonFor(result, link)).toBe('symbolic link: not followed');
    }
  });

  it('skips FIFOs and sockets with a reason, and ignores hidden files and folders', async () => {
    makeFifo(join(temp, 'pipe.png'));
    const socketPath = join(temp, 'sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      writeFileIn(temp, '.hidden.png', 'x');
      writeFileIn(temp, '.git/objects/image.png', 'x');
      writeFileIn(temp, 'visible.png', 'x');
      const result = await walk();
      expect(paths(result)).toEqual(['visible.png']);
      expect(reasonFor(result, 'pipe.png')).toBe('named pipe (FIFO): not a regular file');
      expect(reasonFor(result, 'sock')).toBe('socket: not a regular file');
      expect(result.skipped).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('skips device files', async () => {
    // Making a device node needs privileges a test may not have; /dev/null is a character device everywhere.
    const result = await walkFolder('/dev', {
      limits: resolveImportLimits({ maxDepth: 1 }),
      maxFiles: 100_000,
    });
    expect(reasonFor(result, 'null')).toBe('device file: not a regular file');
    expect(paths(result)).not.toContain('null');
  });

  it('stops at the depth limit and says which folder it did not enter', async () => {
    writeFileIn(temp, 'l1/l2/ok.png', 'x');
    writeFileIn(temp, 'l1/l2/l3/too-deep.png', 'x');
    const result = await walk({ maxDepth: 2 });
    expect(paths(result)).toEqual(['l1/l2/ok.png']);
    expect(reasonFor(result, 'l1/l2/l3')).toBe('folder nested more than 2 levels deep: not scanned');
  });

  it('stops at the file limit, deterministically, and reports it', async () => {
    for (let i = 0; i < 10; i++) writeFileIn(temp, `img-${i}.png`, 'x');
    const result = await walk({ maxFiles: 4 });
    expect(paths(result)).toEqual(['img-0.png', 'img-1.png', 'img-2.png', 'img-3.png']);
    expect(result.hitFileLimit).toBe(true);
    expect(reasonFor(result, 'img-4.png')).toBe('not scanned: the import stopped at the limit of 4 files');
  });

  it('skips a file over the byte limit without reading it', async () => {
    writeFileIn(temp, 'big.tif', Buffer.alloc(3 * 1024 * 1024));
    writeFileIn(temp, 'small.png', 'x');
    const result = await walk({ maxFileBytes: 2 * 1024 * 1024 });
    expect(paths(result)).toEqual(['small.png']);
    expect(reasonFor(result, 'big.tif')).toBe('file is 3 MiB, over the 2 MiB per-file limit');
  });

  it('reports folder progress that ends with done === total', async () => {
    for (const folder of ['a', 'a/b', 'c']) mkdirSync(join(temp, folder), { recursive: true });
    writeFileSync(join(temp, 'a', 'b', 'x.png'), 'x');
    const events: [number, number][] = [];
    await walk({}, (done, total) => events.push([done, total]));
    expect(events.at(-1)).toEqual([4, 4]);
    for (const [done, total] of events) expect(done).toBeLessThanOrEqual(total);
  });

  it('throws when the folder itself cannot be read', async () => {
    await expect(
      walkFolder(join(temp, 'nope'), { limits: resolveImportLimits(), maxFiles: 10 }),
    ).rejects.toThrow(/ENOENT/);
  });
});
