/*
 * How close a translated image is to its target, on 8-bit RGB images of the same size:
 * - PSNR in dB over all channels (higher is better; identical images are capped at MAX_PSNR so the number
 *   stays finite and JSON-safe);
 * - SSIM as in Wang et al. 2004: an 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2 = 0.03, L = 255,
 *   computed per channel over the positions where the whole window fits, then averaged (what scikit-image's
 *   structural_similarity gives with gaussian_weights=True, use_sample_covariance=False, data_range=255);
 * - L1: the mean absolute difference on a 0-1 scale (lower is better).
 */

export const MAX_PSNR = 100;
const SIGMA = 1.5;
const RADIUS = 5;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

export interface ImagePair {
  width: number;
  height: number;
  /** The model's (or a baseline's) output, RGB bytes. */
  output: Uint8Array;
  target: Uint8Array;
}

export function psnr({ output, target }: ImagePair): number {
  let squared = 0;
  for (let i = 0; i < output.length; i++) squared += (output[i]! - target[i]!) ** 2;
  const mse = squared / output.length;
  return mse === 0 ? MAX_PSNR : Math.min(MAX_PSNR, 10 * Math.log10((255 * 255) / mse));
}

export function meanAbsoluteError({ output, target }: ImagePair): number {
  let total = 0;
  for (let i = 0; i < output.length; i++) total += Math.abs(output[i]! - target[i]!);
  return total / output.length / 255;
}

export function ssim({ width, height, output, target }: ImagePair): number {
  if (width <= 2 * RADIUS || height <= 2 * RADIUS) {
    throw new Error(`SSIM needs images of at least ${2 * RADIUS + 1} px a side, got ${width}x${height}`);
  }
  const kernel = gaussianKernel();
  let total = 0;
  for (let channel = 0; channel < 3; channel++) {
    const x = channelOf(output, channel);
    const y = channelOf(target, channel);
    const product = (a: Float64Array, b: Float64Array) => a.map((value, i) => value * b[i]!);
    const [muX, muY, xx, yy, xy] = [x, y, product(x, x), product(y, y), product(x, y)].map((plane) =>
      blurValid(plane, width, height, kernel),
    ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    let sum = 0;
    for (let i = 0; i < muX.length; i++) {
      const mx = muX[i]!;
      const my = muY[i]!;
      const varX = xx[i]! - mx * mx;
      const varY = yy[i]! - my * my;
      const cov = xy[i]! - mx * my;
      sum += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (varX + varY + C2));
    }
    total += sum / muX.length;
  }
  return total / 3;

  function channelOf(bytes: Uint8Array, channel: number): Float64Array {
    const plane = new Float64Array(width * height);
    for (let i = 0; i < plane.length; i++) plane[i] = bytes[i * 3 + channel]!;
    return plane;
  }
}

/** The normalized 1-D Gaussian of the SSIM window. */
function gaussianKernel(): Float64Array {
  const kernel = new Float64Array(2 * RADIUS + 1);
  for (let k = -RADIUS; k <= RADIUS; k++) kernel[k + RADIUS] = Math.exp(-(k * k) / (2 * SIGMA * SIGMA));
  const sum = kernel.reduce((a, b) => a + b, 0);
  return kernel.map((value) => value / sum);
}

/** Separable blur keeping only positions whose whole window is inside: (height - 10) x (width - 10). */
function blurValid(plane: Float64Array, width: number, height: number, kernel: Float64Array): Float64Array {
  const outWidth = width - 2 * RADIUS;
  const outHeight = height - 2 * RADIUS;
  const across = new Float64Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      let value = 0;
      for (let k = 0; k < kernel.length; k++) value += kernel[k]! * plane[y * width + x + k]!;
      across[y * outWidth + x] = value;
    }
  }
  const out = new Float64Array(outHeight * outWidth);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let value = 0;
      for (let k = 0; k < kernel.length; k++) value += kernel[k]! * across[(y + k) * outWidth + x]!;
      out[y * outWidth + x] = value;
    }
  }
  return out;
}
