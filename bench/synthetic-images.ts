import type { ImageSource } from '../src-main/engine/data/real-image-batches';

/**
 * Images made in memory, so the bench reads no files and measures training alone. Their content can't change
 * the speed (no step branches on pixel values); they only need to differ from each other a little.
 */
export function syntheticImages(count: number, size: number): ImageSource {
  const bytesPerImage = size * size * 3;
  const all = new Uint8Array(count * bytesPerImage);
  for (let i = 0; i < all.length; i++) all[i] = Math.imul(i, 0x9e3779b1) >>> 24;
  return {
    count,
    size,
    readImages(indices) {
      const out = new Uint8Array(indices.length * bytesPerImage);
      indices.forEach((index, k) =>
        out.set(all.subarray(index * bytesPerImage, (index + 1) * bytesPerImage), k * bytesPerImage),
      );
      return out;
    },
  };
}
