import { describe, expect, it } from 'vitest';
import { TARGET_NAMES } from '../../../src-main/engine/lab/lab-config';
import { PLANE_HALF_WIDTH, planeCellIndex, planeGridCentres } from '../../../src-main/engine/lab/lab-plane';
import { normalQuantile, noiseQuantile } from '../../../src-main/engine/lab/latent-noise';
import { modeCoverage } from '../../../src-main/engine/lab/mode-coverage';
import { buildTarget, ringModes } from '../../../src-main/engine/lab/target-distributions';
import { SeededRandom } from '../../../src-main/engine/random/seeded-random';

describe('Lab targets and the plane', () => {
  for (const name of TARGET_NAMES) {
    it(`${name}: samples lie well inside the plane and replay from a seed`, () => {
      const target = buildTarget(name, new Float32Array([0.5, 0.5, -0.5, 0.2]));
      const points = target.sample(new SeededRandom(1), 2000);
      const again = target.sample(new SeededRandom(1), 2000);
      expect(points).toEqual(again);
      for (const value of points) expect(Math.abs(value)).toBeLessThan(PLANE_HALF_WIDTH * 0.9);
    });
  }

  it('the ring is eight modes that a sample of it covers, and a single Gaussian does not', () => {
    const ring = buildTarget('ring');
    expect(ring.modes).toHaveLength(8);
    const points = ring.sample(new SeededRandom(2), 4000);
    expect(modeCoverage(points, 4000, ringModes()).modes).toEqual({ covered: 8, total: 8 });
    const oneMode = new Float32Array(8000);
    for (let i = 0; i < 4000; i++) [oneMode[2 * i], oneMode[2 * i + 1]] = [1.2, 0];
    expect(modeCoverage(oneMode, 4000, ringModes()).modes).toEqual({ covered: 1, total: 8 });
  });

  it('draws around the points drawn by hand', () => {
    const target = buildTarget('drawn', new Float32Array([1, -1]));
    const points = target.sample(new SeededRandom(3), 500);
    const meanX = points.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0) / 500;
    expect(meanX).toBeCloseTo(1, 1);
  });

  it("grid cells run from the top-left, and a point's cell holds its centre", () => {
    const centres = planeGridCentres(4);
    for (let cell = 0; cell < 16; cell++) {
      expect(planeCellIndex(centres[2 * cell]!, centres[2 * cell + 1]!, 4)).toBe(cell);
    }
    expect(planeCellIndex(-1.9, 1.9, 4)).toBe(0);
    expect(planeCellIndex(3, 0, 4)).toBe(-1);
  });

  it('places manifold lines at equal probability steps of either noise', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(noiseQuantile('uniform', 0.25)).toBeCloseTo(-0.5, 10);
  });
});
