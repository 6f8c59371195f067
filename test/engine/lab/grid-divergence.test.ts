import { describe, expect, it } from 'vitest';
import {
  DIVERGENCE_CELLS,
  gridDensity,
  jsDivergence,
  klDivergence,
  SMOOTHING_CELLS,
} from '../../../src-main/engine/lab/grid-divergence';
import { PLANE_HALF_WIDTH } from '../../../src-main/engine/lab/lab-plane';
import { SeededRandom } from '../../../src-main/engine/random/seeded-random';

/** n points from N(mean, std^2 I) in 2-D. */
function gaussian(seed: number, n: number, mean: [number, number], std: number): Float32Array {
  const out = new SeededRandom(seed).normals(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = mean[0] + std * out[2 * i]!;
    out[2 * i + 1] = mean[1] + std * out[2 * i + 1]!;
  }
  return out;
}

describe('KL and JS divergence on the grid', () => {
  it('reads 0 for identical samples', () => {
    const points = gaussian(1, 5000, [0.3, -0.2], 0.4);
    const p = gridDensity(points);
    expect(klDivergence(p, gridDensity(points))).toBe(0);
    expect(jsDivergence(p, gridDensity(points))).toBe(0);
  });

  it('reads JS = ln 2 for two distributions with disjoint supports', () => {
    const p = gridDensity(gaussian(2, 5000, [-1.2, -1.2], 0.05));
    const q = gridDensity(gaussian(3, 5000, [1.2, 1.2], 0.05));
    expect(jsDivergence(p, q)).toBeCloseTo(Math.log(2), 2);
    expect(jsDivergence(q, p)).toBeCloseTo(jsDivergence(p, q), 12);
    // KL is then bounded only by the probability floor: large, but finite.
    expect(klDivergence(p, q)).toBeGreaterThan(10);
    expect(Number.isFinite(klDivergence(p, q))).toBe(true);
  });

  it('matches the closed-form KL of two Gaussians, widened by the smoothing and the binning', () => {
    const std = 0.3;
    const shift = 0.3;
    const cell = (2 * PLANE_HALF_WIDTH) / DIVERGENCE_CELLS;
    const variance = std ** 2 + (SMOOTHING_CELLS * cell) ** 2 + cell ** 2 / 12;
    // KL(N(0, v I) || N(m, v I)) = |m|^2 / (2 v).
    const expected = shift ** 2 / (2 * variance);
    const p = gridDensity(gaussian(4, 400_000, [0, 0], std));
    const q = gridDensity(gaussian(5, 400_000, [shift, 0], std));
    expect(klDivergence(p, q)).toBeGreaterThan(expected * 0.95);
    expect(klDivergence(p, q)).toBeLessThan(expected * 1.05);
  });

  it('stays near 0 for two independent samples of one distribution (the noise floor)', () => {
    const p = gridDensity(gaussian(6, 4096, [0, 0], 0.5));
    const q = gridDensity(gaussian(7, 4096, [0, 0], 0.5));
    expect(jsDivergence(p, q)).toBeLessThan(0.02);
  });

  it('charges points off the plane instead of ignoring them', () => {
    const inside = gaussian(8, 2000, [0, 0], 0.2);
    const half = inside.slice();
    for (let i = 0; i < 1000; i++) half[2 * i] = 50; // half the points thrown far off the plane
    const density = gridDensity(half);
    expect(density[density.length - 1]).toBeCloseTo(0.5, 2);
    expect(jsDivergence(gridDensity(inside), density)).toBeGreaterThan(0.1);
  });
});
