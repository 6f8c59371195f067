import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

import type { DatasetManifest, DatasetSize } from '../shared/dataset';
import { datasetFolder } from './datasets';

/** Random access to a dataset's images, for batching during training. */
export interface PixelCache {
  readonly count: number;
  readonly size: DatasetSize;
  /** size * size * 3. */
  readonly bytesPerImage: number;
  /**
   * The images at `indices`, concatenated in the order asked (a batch, NHWC uint8 RGB). Indices may repeat.
   * Reads only those images from disk, whatever the size of the dataset.
   */
  readImages(indices: readonly number[]): Uint8Array;
  close(): void;
}

export function pixelCachePath(home: string, manifest: DatasetManifest): string {
  return join(datasetFolder(home, manifest.name), manifest.pixelCache.file);
}

/** Open a dataset's pixel cache, checking first that its length is what the manifest says. */
export function openPixelCache(home: string, manifest: DatasetManifest): PixelCache {
  const { bytesPerImage } = manifest.pixelCache;
  const count = manifest.items.length;
  if (bytesPerImage !== manifest.imageSize * manifest.imageSize * 3) {
    throw new Error(
      `dataset "${manifest.name}": bytesPerImage ${bytesPerImage} doesn't match ${manifest.imageSize} px RGB`,
    );
  }
  const path = pixelCachePath(home, manifest);
  const fd = openSync(path, 'r');
  let closed = false;
  try {
    const actual = fstatSync(fd).size;
    const expected = count * bytesPerImage;
    if (actual !== expected) {
      throw new Error(
        `dataset "${manifest.name}": pixel cache is ${actual} bytes, expected ${expected} ` +
          `(${count} images x ${bytesPerImage} bytes); the file is damaged, import the folder again`,
      );
    }
  } catch (error) {
    closeSync(fd);
    throw error;
  }

  return {
    count,
    size: manifest.imageSize,
    bytesPerImage,
    readImages(indices) {
      if (closed) throw new Error(`pixel cache of "${manifest.name}" is closed`);
      const batch = new Uint8Array(indices.length * bytesPerImage);
      indices.forEach((index, slot) => {
        if (!Number.isInteger(index) || index < 0 || index >= count) {
          throw new RangeError(
            `image index ${index} is out of range: dataset "${manifest.name}" has ${count} images`,
          );
        }
        readFully(fd, batch, slot * bytesPerImage, bytesPerImage, index * bytesPerImage);
      });
      return batch;
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/** sha256 of the pixel cache as it is on disk now, streamed so a big dataset isn't loaded whole. */
export async function hashPixelCache(home: string, manifest: DatasetManifest): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(pixelCachePath(home, manifest), { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Does the pixel cache still hold exactly what was imported? */
export async function verifyPixelCache(
  home: string,
  manifest: DatasetManifest,
): Promise<{ ok: boolean; expected: string; actual: string }> {
  const actual = await hashPixelCache(home, manifest);
  return { ok: actual === manifest.contentHash, expected: manifest.contentHash, actual };
}

function readFully(fd: number, into: Uint8Array, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, into, offset + done, length - done, position + done);
    if (read === 0) throw new Error('pixel cache ended early: it was truncated while open');
    done += read;
  }
}
