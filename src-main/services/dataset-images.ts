import { encodePng } from '../engine/sampling/png';
import { readDatasetManifest } from '../library/datasets';
import { openPixelCache, type PixelCache } from '../library/pixel-cache';

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

  async png(dataset: string, index: number): Promise<Buffer | null> {
    const key = `${dataset}/${index}`;
    const hit = this.pngs.get(key);
    if (hit) {
      this.pngs.delete(key);
      this.pngs.set(key, hit);
      return hit;
    }
    const pixels = this.pixelCache(dataset);
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
    this.caches.get(dataset)?.close();
    this.caches.delete(dataset);
    for (const key of this.pngs.keys()) if (key.startsWith(`${dataset}/`)) this.pngs.delete(key);
  }

  close(): void {
    for (const dataset of [...this.caches.keys()]) this.forget(dataset);
  }

  private pixelCache(dataset: string): PixelCache | undefined {
    let pixels = this.caches.get(dataset);
    if (!pixels) {
      try {
        pixels = openPixelCache(this.home, readDatasetManifest(this.home, dataset));
      } catch {
        return undefined;
      }
      this.caches.set(dataset, pixels);
    }
    return pixels;
  }
}
