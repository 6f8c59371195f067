import { planeCellIndex } from './lab-plane';

/**
 * How far the generated distribution is from the real one, estimated on a grid over the plane:
 *
 * 1. Histogram each sample into DIVERGENCE_CELLS x DIVERGENCE_CELLS cells, plus one bin for points off the plane
 *    (so a generator that throws points away is charged for them, not excused).
 * 2. Smooth each histogram with a Gaussian of SMOOTHING_CELLS cells (a kernel density estimate read on the grid):
 *    without it two samples of the same distribution would differ cell by cell by sampling noise alone.
 * 3. Add PROBABILITY_FLOOR to every bin and renormalize, so KL stays finite where G puts no mass at all.
 * 4. KL(real || generated) = sum p log(p / q), which is large when G misses part of the data (mode collapse);
 *    JS = (KL(p || m) + KL(q || m)) / 2 with m = (p + q) / 2, which is symmetric and at most ln 2.
 *
 * Smoothing widens both distributions alike: for two Gaussians with variance s^2 per axis the estimate is the
 * divergence at s^2 + (SMOOTHING_CELLS * cell)^2 + cell^2 / 12 (the last term is the binning), which the tests
 * check against the closed form. With the Lab's 4096 points a side, two samples of one distribution read
 * a JS of about 0.01 to 0.02 (the noise floor the view reports).
 */
export const DIVERGENCE_CELLS = 48;
export const SMOOTHING_CELLS = 1;
export const PROBABILITY_FLOOR = 1e-6;

/** A normalized density over the grid's cells, the off-plane bin last. */
export function gridDensity(
  points: Float32Array,
  count = points.length / 2,
  cells = DIVERGENCE_CELLS,
  smoothing = SMOOTHING_CELLS,
): Float64Array {
  const histogram = new Float64Array(cells * cells + 1);
  for (let i = 0; i < count; i++) {
    const cell = planeCellIndex(points[2 * i]!, points[2 * i + 1]!, cells);
    histogram[cell < 0 ? cells * cells : cell]! += 1;
  }
  if (smoothing > 0) blurCells(histogram, cells, smoothing);
  let total = 0;
  for (let i = 0; i < histogram.length; i++) {
    histogram[i]! += PROBABILITY_FLOOR * count;
    total += histogram[i]!;
  }
  for (let i = 0; i < histogram.length; i++) histogram[i]! /= total;
  return histogram;
}

export function klDivergence(p: Float64Array, q: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi > 0) sum += pi * Math.log(pi / q[i]!);
  }
  return Math.max(0, sum);
}

export function jsDivergence(p: Float64Array, q: Float64Array): number {
  const m = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) m[i] = (p[i]! + q[i]!) / 2;
  return (klDivergence(p, m) + klDivergence(q, m)) / 2;
}

/**
 * exp(entropy) of a grid density: the number of cells it effectively spreads over. The ratio of G's to the
 * data's tells a generator piled onto a few places (mode collapse, ratio well below 1) from one still spread
 * out and learning (ratio near or above 1), which coverage alone cannot.
 */
export function effectiveCells(p: Float64Array): number {
  let entropy = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) entropy -= p[i]! * Math.log(p[i]!);
  return Math.exp(entropy);
}

/** Separable Gaussian blur of the cells (not the off-plane bin), in place; mass blurred off the edge is lost. */
function blurCells(values: Float64Array, cells: number, sigma: number): void {
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const norm = kernel.reduce((a, b) => a + b, 0);
  const weights = Float64Array.from(kernel, (k) => k / norm);
  const rowsBlurred = new Float64Array(cells * cells);
  // Along each row (step 1), then along each column (step `cells`) back into `values`.
  for (const [from, to, step] of [
    [values, rowsBlurred, 1],
    [rowsBlurred, values, cells],
  ] as const) {
    const across = step === 1 ? cells : 1;
    for (let line = 0; line < cells; line++) {
      const base = line * across;
      for (let i = 0; i < cells; i++) {
        let sum = 0;
        const low = Math.max(0, i - radius);
        const high = Math.min(cells - 1, i + radius);
        for (let k = low; k <= high; k++) sum += weights[k - i + radius]! * from[base + k * step]!;
        to[base + i * step] = sum;
      }
    }
  }
}
