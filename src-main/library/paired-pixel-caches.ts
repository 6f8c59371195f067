import type { DatasetManifest } from '../shared/dataset';
import { openPixelCache, type PixelCache } from './pixel-cache';

/** Both sides of a paired dataset, opened, with its split. Image i of `a` and of `b` are one pair. */
export interface OpenedPairs {
  size: number;
  a: PixelCache;
  b: PixelCache;
  trainIndices: number[];
  heldOutIndices: number[];
  close(): void;
}

/** Opens a paired dataset's two pixel caches, checking each like any dataset's. */
export function openPairedPixelCaches(home: string, manifest: DatasetManifest): OpenedPairs {
  const { paired } = manifest;
  if (!paired) {
    throw new Error(
      `dataset "${manifest.name}" is a folder of images, not pairs: import pairs with gan-studio import-pairs`,
    );
  }
  const a = openPixelCache(home, manifest);
  let b: PixelCache;
  try {
    b = openPixelCache(home, { ...manifest, pixelCache: paired.pixelCacheB });
  } catch (error) {
    a.close();
    throw error;
  }
  const heldOut = new Set(paired.split.heldOut);
  return {
    size: manifest.imageSize,
    a,
    b,
    trainIndices: manifest.items.map((_, i) => i).filter((i) => !heldOut.has(i)),
    heldOutIndices: [...paired.split.heldOut],
    close() {
      a.close();
      b.close();
    },
  };
}
