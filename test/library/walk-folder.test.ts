import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { resolveImportLimits, type ImportLimits } from '../../src-main/library/import/import-limits';
import { walkFolder, type WalkResult } from '../../src-main/library/import/walk-folder';
import { makeFifo, makeTempFolder, writeFileIn } from '../fixtures/make-images';

let temp: ReturnType<typeof makeTempFolder>;
beforeEach(() => {
  temp = makeTempFolder('walk');
});
afterEach(() => temp.remove());

function walk(limits: Partial<ImportLimits> = {}, onFolderRead?: (done: number, total: number) => void) {
  const resolved = resolveImportLimits(limits);
  return walkFolder(temp.path, { limits: resolved, maxFiles: resolved.maxFiles, onFolderRead });
}

const paths = (result: WalkResult) => result.files.map((file) => file.relativePath);
const reasonFor = (result: WalkResult, path: string) =>
  result.skipped.find((entry) => entry.path === path)?.reason;

describe('walkFolder', () => {
  it('lists files recursively in name order with / separators and their sizes', async () => {
    writeFileIn(temp.path, 'b.png', 'bb');
    writeFileIn(temp.path, 'a.jpg', 'a');
    writeFileIn(temp.path, 'cats/x/deep.gif', 'deep');
    writeFileIn(temp.path, 'cats/c.webp', 'c');
    const result = await walk();
    expect(paths(result)).toEqual(['a.jpg', 'b.png', 'cats/c.webp', 'cats/x/deep.gif']);
    expect(result.files.map((file) => file.bytes)).toEqual([1, 2, 1, 4]);
    expect(result.files[3]?.absolutePath).toBe(join(temp.path, 'cats', 'x', 'deep.gif'));
    expect(result.skipped).toEqual([]);
  });

  it('does not follow symbolic links, so a link to a parent folder cannot loop', async () => {
    writeFileIn(temp.path, 'sub/real.png', 'x');
    symlinkSync(temp.path, join(temp.path, 'sub', 'loop'));
    symlinkSync(join(temp.path, 'sub', 'real.png'), join(temp.path, 'link.png'));
    symlinkSync(join(temp.path, 'missing'), join(temp.path, 'dangling.png'));
    const result = await walk();
    expect(paths(result)).toEqual(['sub/real.png']);
    for (const link of ['sub/loop', 'link.png', 'dangling.png']) {
      expect(reasonFor(result, link)).toBe('symbolic link: not followed');
    }
  });

  it('skips FIFOs and sockets with a reason, and ignores hidden files and folders', async () => {
    makeFifo(join(temp.path, 'pipe.png'));
    const socketPath = join(temp.path, 'sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      writeFileIn(temp.path, '.hidden.png', 'x');
      writeFileIn(temp.path, '.git/objects/image.png', 'x');
      writeFileIn(temp.path, 'visible.png', 'x');
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
    writeFileIn(temp.path, 'l1/l2/ok.png', 'x');
    writeFileIn(temp.path, 'l1/l2/l3/too-deep.png', 'x');
    const result = await walk({ maxDepth: 2 });
    expect(paths(result)).toEqual(['l1/l2/ok.png']);
    expect(reasonFor(result, 'l1/l2/l3')).toBe('folder nested more than 2 levels deep: not scanned');
  });

  it('stops at the file limit, deterministically, and reports it', async () => {
    for (let i = 0; i < 10; i++) writeFileIn(temp.path, `img-${i}.png`, 'x');
    const result = await walk({ maxFiles: 4 });
    expect(paths(result)).toEqual(['img-0.png', 'img-1.png', 'img-2.png', 'img-3.png']);
    expect(result.hitFileLimit).toBe(true);
    expect(reasonFor(result, 'img-4.png')).toBe('not scanned: the import stopped at the limit of 4 files');
  });

  it('skips a file over the byte limit without reading it', async () => {
    writeFileIn(temp.path, 'big.tif', Buffer.alloc(3 * 1024 * 1024));
    writeFileIn(temp.path, 'small.png', 'x');
    const result = await walk({ maxFileBytes: 2 * 1024 * 1024 });
    expect(paths(result)).toEqual(['small.png']);
    expect(reasonFor(result, 'big.tif')).toBe('file is 3 MiB, over the 2 MiB per-file limit');
  });

  it('reports folder progress that ends with done === total', async () => {
    for (const folder of ['a', 'a/b', 'c']) mkdirSync(join(temp.path, folder), { recursive: true });
    writeFileSync(join(temp.path, 'a', 'b', 'x.png'), 'x');
    const events: [number, number][] = [];
    await walk({}, (done, total) => events.push([done, total]));
    expect(events.at(-1)).toEqual([4, 4]);
    for (const [done, total] of events) expect(done).toBeLessThanOrEqual(total);
  });

  it('throws when the folder itself cannot be read', async () => {
    await expect(
      walkFolder(join(temp.path, 'nope'), { limits: resolveImportLimits(), maxFiles: 10 }),
    ).rejects.toThrow(/ENOENT/);
  });
});
