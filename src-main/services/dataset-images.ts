import { encodePng } from '../engine/sampling/png';
import { readDatasetManifest } from '../library/datasets';
import { openPixelCache, type PixelCache } from '../library/pixel-cache';
import type { DatasetSide } from './media';

/**
 * PNG thumbnails of a dataset's images, straight from its pixel cache. A grid asks for hundreds at once, so
 * each dataset's pixel cache stays open and the most recently shown few thousand PNGs are remembered.
 */
export class DatasetImages {
  private readonly pngs = new Map<string, Buffer>();
  private readonly caches = new Map<string, PixelCache>();

  constructor(
    private readonly home: string,
    private readonly capacity = 4000,
  ) {}

  async png(dataset: string, index: number, side: DatasetSide = 'a'): Promise<Buffer | null> {
    const key = `${dataset}/${side}/${index}`;
    const hit = this.pngs.get(key);
    if (hit) {
      this.pngs.delete(key);
      this.pngs.set(key, hit);
      return hit;
    }
    const pixels = this.pixelCache(dataset, side);
    if (!pixels || index >= pixels.count) return null;
    const png = await encodePng({
      width: pixels.size,
      height: pixels.size,
      data: pixels.readImages([index]),
    });
    this.pngs.set(key, png);
    if (this.pngs.size > this.capacity) this.pngs.delete(this.pngs.keys().next().value!);
    return png;
  }

  /** Forget a dataset (it was removed or replaced). */
  forget(dataset: string): void {
    for (const side of ['a', 'b']) {
      this.caches.get(`${dataset}/${side}`)?.close();
      this.caches.delete(`${dataset}/${side}`);
    }
    for (const key of this.pngs.keys()) if (key.startsWith(`${dataset}/`)) this.pngs.delete(key);
  }

  close(): void {
    for (const pixels of this.caches.values()) pixels.close();
    this.caches.clear();
    this.pngs.clear();
  }

  private pixelCache(dataset: string, side: DatasetSide): PixelCache | undefined {
    const key = `${dataset}/${side}`;
    let pixels = this.caches.get(key);
    if (!pixels) {
      try {
        const manifest = readDatasetManifest(this.home, dataset);
        if (side === 'b' && !manifest.paired) return undefined;
        // Side B of a paired dataset is a second cache laid out like the first.
        pixels = openPixelCache(
          this.home,
          side === 'b' ? { ...manifest, pixelCache: manifest.paired!.pixelCacheB } : manifest,
        );
      } catch {
        return undefined;
      }
      this.caches.set(key, pixels);
    }
    return pixels;
  }
}
