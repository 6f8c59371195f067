import { describe, expect, it } from 'vitest';
import { MAX_PSNR, meanAbsoluteError, psnr, ssim } from '../../../src-main/engine/translation/image-metrics';

/*
 * Reference values from scikit-image 0.19.3 (Debian's python3-skimage), computed independently of this code:
 *
 *   y, x = np.mgrid[0:24, 0:32]
 *   a = np.stack([(x*7 + y*3) % 256, (x*x + 2*y) % 256, (x*y) % 256], axis=2).astype(np.uint8)
 *   noise = ((x[..., None]*13 + y[..., None]*29 + np.arange(3)*7) % 21) - 10
 *   noisy = np.clip(a.astype(int) + noise, 0, 255).astype(np.uint8)
 *   darker = (a.astype(int) * 3 // 4 + 20).astype(np.uint8)
 *   structural_similarity(a, other, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 *                         data_range=255, channel_axis=2)
 *   peak_signal_noise_ratio(a, other, data_range=255); np.abs(a - other).mean() / 255
 */
const WIDTH = 32;
const HEIGHT = 24;

function image(value: (x: number, y: number, c: number) => number): Uint8Array {
  const out = new Uint8Array(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      for (let c = 0; c < 3; c++) out[(y * WIDTH + x) * 3 + c] = Math.min(255, Math.max(0, value(x, y, c)));
    }
  }
  return out;
}

const base = (x: number, y: number, c: number) =>
  [(x * 7 + y * 3) % 256, (x * x + 2 * y) % 256, (x * y) % 256][c]!;
const a = image(base);
const noisy = image((x, y, c) => base(x, y, c) + (((x * 13 + y * 29 + c * 7) % 21) - 10));
const darker = image((x, y, c) => Math.floor((base(x, y, c) * 3) / 4) + 20);
const pair = (output: Uint8Array) => ({ width: WIDTH, height: HEIGHT, output, target: a });

describe('image metrics', () => {
  it('give SSIM 1, the PSNR cap and L1 0 for identical images', () => {
    expect(ssim(pair(a))).toBeCloseTo(1, 12);
    expect(psnr(pair(a))).toBe(MAX_PSNR);
    expect(meanAbsoluteError(pair(a))).toBe(0);
  });

  it('match scikit-image on an image plus known noise', () => {
    expect(ssim(pair(noisy))).toBeCloseTo(0.9553594997360676, 10);
    expect(psnr(pair(noisy))).toBeCloseTo(32.62575988919429, 10);
    expect(meanAbsoluteError(pair(noisy))).toBeCloseTo(0.020043572984749455, 12);
  });

  it('match scikit-image on a darkened, lower-contrast image (the luminance and contrast terms)', () => {
    expect(ssim(pair(darker))).toBeCloseTo(0.9575752245820058, 10);
    expect(psnr(pair(darker))).toBeCloseTo(22.046806286010188, 10);
    expect(meanAbsoluteError(pair(darker))).toBeCloseTo(0.0647467320261438, 12);
  });

  it('refuses images too small for the 11x11 window', () => {
    const tiny = new Uint8Array(10 * 10 * 3);
    expect(() => ssim({ width: 10, height: 10, output: tiny, target: tiny })).toThrow(/at least 11 px/);
  });
});
