import type { SeededRandom } from '../random/seeded-random';
import type { TargetName } from './lab-config';

/** One Gaussian of a mixture target: its centre and standard deviation (the same along x and y). */
export interface GaussianMode {
  x: number;
  y: number;
  std: number;
}

/** A distribution of real points on the plane. Points are interleaved (x, y) pairs. */
export interface TargetDistribution {
  readonly name: TargetName;
  /** The components of a mixture of equal Gaussians, when the target is one: the modes G should cover. */
  readonly modes?: readonly GaussianMode[];
  sample(random: SeededRandom, count: number): Float32Array;
}

/** GAN Lab's and the classic mode-collapse demo's eight Gaussians on a circle. */
const RING_RADIUS = 1.2;
const RING_STD = 0.08;
/** A 5 x 5 grid, the other standard mode-collapse test. */
const GRID_SIDE = 5;
const GRID_SPACING = 0.6;
const GRID_STD = 0.05;
/** Spread of the points around each point drawn by hand. */
const DRAWN_STD = 0.06;

export function ringModes(): GaussianMode[] {
  return Array.from({ length: 8 }, (_, i) => ({
    x: RING_RADIUS * Math.cos((i * Math.PI) / 4),
    y: RING_RADIUS * Math.sin((i * Math.PI) / 4),
    std: RING_STD,
  }));
}

export function gridModes(): GaussianMode[] {
  const offset = ((GRID_SIDE - 1) * GRID_SPACING) / 2;
  return Array.from({ length: GRID_SIDE * GRID_SIDE }, (_, i) => ({
    x: (i % GRID_SIDE) * GRID_SPACING - offset,
    y: Math.floor(i / GRID_SIDE) * GRID_SPACING - offset,
    std: GRID_STD,
  }));
}

/** Equal mixture of isotropic Gaussians. */
function mixture(name: TargetName, modes: readonly GaussianMode[]): TargetDistribution {
  return {
    name,
    modes,
    sample(random, count) {
      return fillPoints(random, count, (noise) => {
        const mode = modes[random.below(modes.length)]!;
        return [mode.x + mode.std * noise[0], mode.y + mode.std * noise[1]];
      });
    },
  };
}

/** A curve through t in [0, 1) with Gaussian noise of `std` around it. */
function curve(name: TargetName, std: number, at: (t: number, random: SeededRandom) => [number, number]) {
  return {
    name,
    sample(random: SeededRandom, count: number) {
      return fillPoints(random, count, (noise) => {
        const [x, y] = at(random.next(), random);
        return [x + std * noise[0], y + std * noise[1]];
      });
    },
  } satisfies TargetDistribution;
}

/** Two interleaved half circles (scikit-learn's make_moons), centred and scaled to the plane. */
const moons = curve('moons', 0.06, (t, random) => {
  const angle = Math.PI * t;
  const [x, y] =
    random.next() < 0.5 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
  return [(x - 0.5) * 0.9, (y - 0.25) * 0.9];
});

const line = curve('line', 0.03, (t) => [-1.3 + 2.6 * t, -0.7 + 1.4 * t]);

/** One and a half turns, widening outwards. */
const spiral = curve('spiral', 0.04, (t) => {
  const radius = 0.2 + 1.2 * t;
  const angle = 3 * Math.PI * t;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
});

/** Points drawn with the mouse, each blurred into a small Gaussian so G has an area to aim at. */
function drawn(points: Float32Array): TargetDistribution {
  const count = points.length / 2;
  return {
    name: 'drawn',
    sample(random, wanted) {
      if (count === 0) return new Float32Array(wanted * 2);
      return fillPoints(random, wanted, (noise) => {
        const i = random.below(count);
        return [points[2 * i]! + DRAWN_STD * noise[0], points[2 * i + 1]! + DRAWN_STD * noise[1]];
      });
    },
  };
}

/** `drawnPoints` (interleaved x, y) is only read for the 'drawn' target; it is copied. */
export function buildTarget(
  name: TargetName,
  drawnPoints: Float32Array = new Float32Array(),
): TargetDistribution {
  switch (name) {
    case 'ring':
      return mixture(name, ringModes());
    case 'grid':
      return mixture(name, gridModes());
    case 'moons':
      return moons;
    case 'line':
      return line;
    case 'spiral':
      return spiral;
    case 'drawn':
      return drawn(drawnPoints.slice());
  }
}

/** Draws the two Gaussian noises a point needs before its position, so every target uses one draw pattern. */
function fillPoints(
  random: SeededRandom,
  count: number,
  point: (noise: [number, number]) => [number, number],
): Float32Array {
  const out = new Float32Array(count * 2);
  const noise = random.normals(count * 2);
  for (let i = 0; i < count; i++) {
    const [x, y] = point([noise[2 * i]!, noise[2 * i + 1]!]);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}
