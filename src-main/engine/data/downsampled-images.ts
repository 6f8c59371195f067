import type { ImageSource } from './real-image-batches';

/**
 * A dataset's images at a smaller size, by averaging each factor x factor block (a box filter, which for whole
 * power-of-two factors is what a good resize does). Lets a dataset imported at 128 px train a quick 32 px run
 * without importing it again.
 */
export function downsampledImages(source: ImageSource, size: number): ImageSource {
  if (size === source.size) return source;
  const factor = source.size / size;
  if (!Number.isInteger(factor) || factor < 1) {
    throw new Error(
      `can't make ${size} px images from a ${source.size} px dataset; import the folder at ${size} px`,
    );
  }
  const inBytes = source.size * source.size * 3;
  const outBytes = size * size * 3;
  const area = factor * factor;
  return {
    count: source.count,
    size,
    readImages(indices) {
      const big = source.readImages(indices);
      const out = new Uint8Array(indices.length * outBytes);
      for (let n = 0; n < indices.length; n++) {
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            for (let c = 0; c < 3; c++) {
              let sum = 0;
              for (let dy = 0; dy < factor; dy++) {
                const row = n * inBytes + ((y * factor + dy) * source.size + x * factor) * 3 + c;
                for (let dx = 0; dx < factor; dx++) sum += big[row + dx * 3]!;
              }
              out[n * outBytes + (y * size + x) * 3 + c] = Math.round(sum / area);
            }
          }
        }
      }
      return out;
    },
  };
}
