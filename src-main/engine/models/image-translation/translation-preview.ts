import type { RgbImage } from '../gan-trainer';
import { tileImages } from '../../sampling/image-grid';
import { unitToBytes } from '../../translation/paired-images';

/**
 * A preview grid with one row per example and one column per stage, e.g. input | output | target. Each
 * column is `rows` images of `size` px as [-1, 1] floats, NHWC.
 */
export function renderRows(columns: readonly Float32Array[], rows: number, size: number): RgbImage {
  const perImage = size * size * 3;
  const pixels = new Uint8Array(columns.length * rows * perImage);
  columns.forEach((column, c) => {
    const bytes = unitToBytes(column);
    for (let r = 0; r < rows; r++) {
      pixels.set(bytes.subarray(r * perImage, (r + 1) * perImage), (r * columns.length + c) * perImage);
    }
  });
  return tileImages(pixels, columns.length * rows, size, { columns: columns.length });
}
