import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

export interface PixelCacheWriter {
  /** Append one normalized image; images land in the order they are appended. */
  append(pixels: Uint8Array): void;
  /** Flush to disk and close; returns the sha256 (hex) of everything appended: the dataset's content hash. */
  finish(): string;
  /** Close without flushing, after a failure; the staging folder holding the file is removed by the caller. */
  abandon(): void;
  readonly imageCount: number;
}

// Large writes, few syscalls: images are 3 KiB (32 px) to 192 KiB (256 px) each.
const FLUSH_BYTES = 4 * 1024 * 1024;

/**
 * Stream the pixel cache to disk as images are decoded, hashing as it goes, so an import of a big folder never
 * holds the whole dataset in memory. The file is written inside the staging folder, which is renamed into
 * place only once complete: that rename, not this file, is what makes the dataset appear atomically.
 */
export function createPixelCacheWriter(path: string): PixelCacheWriter {
  const fd = openSync(path, 'wx');
  const hash = createHash('sha256');
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let imageCount = 0;
  let closed = false;

  const flush = (): void => {
    for (const chunk of pending) writeAll(fd, chunk);
    pending = [];
    pendingBytes = 0;
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };

  return {
    append(pixels) {
      if (closed) throw new Error('pixel cache writer is closed');
      hash.update(pixels);
      pending.push(pixels);
      pendingBytes += pixels.byteLength;
      imageCount += 1;
      if (pendingBytes >= FLUSH_BYTES) flush();
    },
    finish() {
      flush();
      fsyncSync(fd);
      close();
      return hash.digest('hex');
    },
    abandon: close,
    get imageCount() {
      return imageCount;
    },
  };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
}
