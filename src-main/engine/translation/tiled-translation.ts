import type { RgbImage } from '../models/gan-trainer';
import type { ImageTranslator, TranslationDirection } from './paired-images';
import { axisLayout, type TileWindow } from './tile-layout';

export interface TiledTranslationOptions {
  translator: ImageTranslator;
  direction: TranslationDirection;
  /** 'raised-cosine' (default) blends overlaps without seams. */
  window?: TileWindow;
  /** Tiles per translator call. */
  batchTiles?: number;
  /** After each batch of tiles: tiles done, tiles in all. */
  onTiles?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Translates a photo of any size at the model's tile size: overlapping tiles, each translated, blended with a
 * window that fades each one out where its neighbour takes over. The result has the photo's exact size. A
 * photo smaller than a tile is mirrored out to a whole tile first and cropped back after.
 *
 * The window is separable and the tiles form a grid, so every pixel's total weight is the product of its
 * row's and column's totals; only the weighted sum needs a buffer.
 */
export async function translateTiled(image: RgbImage, options: TiledTranslationOptions): Promise<RgbImage> {
  const { translator, direction } = options;
  const tile = translator.imageSize;
  const padded = mirrorToAtLeast(image, tile);
  const { width, height, data } = padded;
  const columns = axisLayout(width, tile, options.window ?? 'raised-cosine');
  const rows = axisLayout(height, tile, options.window ?? 'raised-cosine');
  const positions = rows.starts.flatMap((_, row) => columns.starts.map((_, column) => ({ row, column })));
  const sum = new Float32Array(width * height * 3);
  const perTile = tile * tile * 3;
  const batchTiles = options.batchTiles ?? 16;

  for (let first = 0; first < positions.length; first += batchTiles) {
    options.signal?.throwIfAborted();
    const batch = positions.slice(first, first + batchTiles);
    const input = new Float32Array(batch.length * perTile);
    batch.forEach(({ row, column }, n) => {
      const top = rows.starts[row]!;
      const left = columns.starts[column]!;
      for (let y = 0; y < tile; y++) {
        const from = ((top + y) * width + left) * 3;
        for (let k = 0; k < tile * 3; k++)
          input[n * perTile + y * tile * 3 + k] = data[from + k]! / 127.5 - 1;
      }
    });
    const output = await translator.translate(input, batch.length, direction);
    batch.forEach(({ row, column }, n) => {
      const top = rows.starts[row]!;
      const left = columns.starts[column]!;
      const rowWeights = rows.weights[row]!;
      const columnWeights = columns.weights[column]!;
      for (let y = 0; y < tile; y++) {
        for (let x = 0; x < tile; x++) {
          const weight = rowWeights[y]! * columnWeights[x]!;
          const to = ((top + y) * width + left + x) * 3;
          const from = n * perTile + (y * tile + x) * 3;
          for (let c = 0; c < 3; c++) sum[to + c]! += weight * output[from + c]!;
        }
      }
    });
    options.onTiles?.(Math.min(first + batchTiles, positions.length), positions.length);
  }

  const out = new Uint8Array(image.width * image.height * 3);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const total = rows.totals[y]! * columns.totals[x]!;
      for (let c = 0; c < 3; c++) {
        const value = sum[(y * width + x) * 3 + c]! / total;
        out[(y * image.width + x) * 3 + c] = Math.min(255, Math.max(0, Math.round((value + 1) * 127.5)));
      }
    }
  }
  return { width: image.width, height: image.height, data: out };
}

/** The image extended right and down by mirroring until each side is at least `size`; unchanged if it is. */
export function mirrorToAtLeast(image: RgbImage, size: number): RgbImage {
  if (image.width >= size && image.height >= size) return image;
  const width = Math.max(size, image.width);
  const height = Math.max(size, image.height);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sourceY = mirrorIndex(y, image.height);
    for (let x = 0; x < width; x++) {
      const from = (sourceY * image.width + mirrorIndex(x, image.width)) * 3;
      data.set(image.data.subarray(from, from + 3), (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

/** Index i folded back into 0..length-1 by mirroring at the ends (without repeating the edge pixel). */
function mirrorIndex(i: number, length: number): number {
  if (length === 1) return 0;
  const period = 2 * (length - 1);
  const folded = i % period;
  return folded < length ? folded : period - folded;
}
