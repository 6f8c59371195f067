import * as tf from '@tensorflow/tfjs';
import type { RgbImage } from '../models/gan-trainer';

/** Generator output in [-1, 1] to 8-bit RGB bytes, NHWC; rounding happens on the backend, once. */
export async function toRgbBytes(images: tf.Tensor4D): Promise<Uint8Array> {
  const bytes = tf.tidy(() => images.add(1).mul(127.5).round().clipByValue(0, 255).cast('int32'));
  const values = await bytes.data();
  bytes.dispose();
  return Uint8Array.from(values);
}

/** Columns of a near-square grid for `count` images. */
export function gridColumns(count: number): number {
  return Math.ceil(Math.sqrt(count));
}

/**
 * Lays `count` square images of side `size` (NHWC bytes) out in a grid, `gap` pixels of `gapColor` between
 * and around them.
 */
export function tileImages(
  pixels: Uint8Array,
  count: number,
  size: number,
  options: { columns?: number; gap?: number; gapColor?: [number, number, number] } = {},
): RgbImage {
  const columns = options.columns ?? gridColumns(count);
  const rows = Math.ceil(count / columns);
  const gap = options.gap ?? 2;
  const [r, g, b] = options.gapColor ?? [24, 24, 24];
  const width = columns * size + (columns + 1) * gap;
  const height = rows * size + (rows + 1) * gap;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = r;
    data[i * 3 + 1] = g;
    data[i * 3 + 2] = b;
  }
  const rowBytes = size * 3;
  for (let n = 0; n < count; n++) {
    const left = gap + (n % columns) * (size + gap);
    const top = gap + Math.floor(n / columns) * (size + gap);
    for (let y = 0; y < size; y++) {
      const from = (n * size + y) * rowBytes;
      data.set(pixels.subarray(from, from + rowBytes), ((top + y) * width + left) * 3);
    }
  }
  return { width, height, data };
}
