import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

import { formatBytes } from './import-limits';

/** Why a file found by the walk was not read after all; the message is the reason shown to the user. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

// O_NOFOLLOW: a file swapped for a symlink after the walk's lstat is refused, not followed.
// O_NONBLOCK: a file swapped for a FIFO can't block the open forever. Both are 0 where the OS lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Read a whole file, re-checking through the open handle what the walk saw with lstat: the folder may change
 * while an import runs, and it must never make us read a device or an endless file.
 */
export async function readFileBytes(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new UnreadableFileError('not a regular file any more (it changed during the import)');
    if (stats.size > maxBytes) {
      throw new UnreadableFileError(
        `file is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} per-file limit`,
      );
    }
    const bytes = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break; // shrank while we read: decode what is there and let the decoder judge it
      filled += bytesRead;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
