import type { SeededRandom } from '../random/seeded-random';
import type { NoiseName } from './lab-config';

/** `count` latent vectors of `size` numbers, row after row: N(0, 1), or uniform on [-1, 1]. */
export function drawLatents(
  random: SeededRandom,
  count: number,
  size: number,
  noise: NoiseName,
): Float32Array {
  if (noise === 'normal') return random.normals(count * size);
  const out = random.uniforms(count * size);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * 2 - 1;
  return out;
}

/**
 * The value below which a fraction `p` of the noise falls. The manifold grid puts its lines at equal steps of
 * probability, so every cell of the latent grid holds the same share of G's input whatever the noise: a warped
 * cell's area then shows how far G spreads (large) or piles up (small) that share of its points.
 */
export function noiseQuantile(noise: NoiseName, p: number): number {
  return noise === 'uniform' ? 2 * p - 1 : normalQuantile(p);
}

/**
 * The standard normal's inverse CDF by Acklam's rational approximation (relative error below 1.2e-9),
 * ample for placing grid lines.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  const low = 0.02425;
  if (p < low) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - low) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
