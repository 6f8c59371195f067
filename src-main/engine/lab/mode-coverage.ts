import type { GaussianMode } from './target-distributions';

/**
 * How much of the data G covers. For a mixture target (ring, grid) this is the mode count of the mode-collapse
 * literature (Metz et al., Unrolled GANs): a mode is covered when at least a fifth of its fair share of the
 * generated points lie within three standard deviations of its centre. For other targets it is the share of the
 * real density that sits in cells where G puts at least a fifth as much.
 */
export interface Coverage {
  /** Fraction in [0, 1]: modes covered / modes, or real mass covered. */
  fraction: number;
  /** For mixtures: how many modes are covered, of how many. */
  modes?: { covered: number; total: number };
}

const SHARE_NEEDED = 0.2;
const RADIUS_IN_STDS = 3;

export function modeCoverage(points: Float32Array, count: number, modes: readonly GaussianMode[]): Coverage {
  const hits = new Array<number>(modes.length).fill(0);
  for (let i = 0; i < count; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    for (let m = 0; m < modes.length; m++) {
      const mode = modes[m]!;
      const radius = RADIUS_IN_STDS * mode.std;
      if ((x - mode.x) ** 2 + (y - mode.y) ** 2 <= radius * radius) {
        hits[m]! += 1;
        break;
      }
    }
  }
  const needed = (SHARE_NEEDED * count) / modes.length;
  const covered = hits.filter((h) => h >= needed).length;
  return { fraction: covered / modes.length, modes: { covered, total: modes.length } };
}

/** Densities from grid-divergence.ts (off-plane bin last, which never counts as covered). */
export function massCoverage(real: Float64Array, generated: Float64Array): Coverage {
  let covered = 0;
  let total = 0;
  for (let i = 0; i < real.length - 1; i++) {
    total += real[i]!;
    if (generated[i]! >= SHARE_NEEDED * real[i]!) covered += real[i]!;
  }
  return { fraction: total > 0 ? covered / total : 0 };
}
