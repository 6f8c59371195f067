import { SeededRandom } from '../random/seeded-random';
import { DIVERGENCE_CELLS, effectiveCells, gridDensity, jsDivergence, klDivergence } from './grid-divergence';
import type { LabConfig } from './lab-config';
import type { LabEngine } from './lab-engine';
import { planeGridCentres } from './lab-plane';
import { drawLatents, noiseQuantile } from './latent-noise';
import { type Coverage, massCoverage, modeCoverage } from './mode-coverage';
import type { TargetDistribution } from './target-distributions';

/**
 * The fixed inputs the view looks through each frame, drawn once per run and target so that what moves on
 * screen is the networks, never the sampling: the heat map's grid, the latent grid G's manifold is drawn from,
 * and fixed real and latent samples (the first DISPLAY_POINTS of each are drawn, all are measured).
 */
export const HEAT_CELLS = 40;
/** Grid lines per latent axis (a polyline of MANIFOLD_LINES^2 points for a 1-D latent). */
export const MANIFOLD_LINES = 21;
export const DISPLAY_POINTS = 500;
export const SAMPLE_POINTS = 4096;

/** Streams of the Lab's seeded draws, apart from the engine's (random/seeded-random.ts) by their range. */
export const LabStream = {
  generatorWeights: 101,
  discriminatorWeights: 102,
  realBatch: 103,
  discriminatorLatent: 104,
  generatorLatent: 105,
  sampleLatent: 106,
  realSample: 107,
  /** A second real sample, to measure the estimator's noise floor. */
  realSampleTwin: 108,
} as const;

export interface LabProbes {
  heatGrid: Float32Array;
  /** Latent vectors of the manifold grid: row r, column c is entry r * columns + c. */
  manifoldLatents: Float32Array;
  manifoldRows: number;
  manifoldColumns: number;
  sampleLatents: Float32Array;
  realSample: Float32Array;
  realDensity: Float64Array;
  realSpread: number;
  /** JS between two independent real samples: below this, a JS reading is sampling noise. */
  noiseFloor: number;
}

export function buildProbes(config: LabConfig, target: TargetDistribution): LabProbes {
  const { manifoldLatents, rows, columns } = manifoldGrid(config);
  const realSample = target.sample(new SeededRandom(config.seed, LabStream.realSample), SAMPLE_POINTS);
  const twin = target.sample(new SeededRandom(config.seed, LabStream.realSampleTwin), SAMPLE_POINTS);
  const realDensity = gridDensity(realSample);
  return {
    heatGrid: planeGridCentres(HEAT_CELLS),
    manifoldLatents,
    manifoldRows: rows,
    manifoldColumns: columns,
    sampleLatents: drawLatents(
      new SeededRandom(config.seed, LabStream.sampleLatent),
      SAMPLE_POINTS,
      config.latentSize,
      config.noise,
    ),
    realSample,
    realDensity,
    realSpread: effectiveCells(realDensity),
    noiseFloor: jsDivergence(realDensity, gridDensity(twin)),
  };
}

/**
 * For a latent size of 2 or more, the plane through the first two latent axes with every other coordinate at 0
 * (the median of either noise): a 2-D slice, since G's input has more directions than a picture. For size 1,
 * a single line. Lines sit at equal steps of probability (see noiseQuantile), from 2% to 98%.
 */
function manifoldGrid(config: LabConfig) {
  const size = config.latentSize;
  const rows = size >= 2 ? MANIFOLD_LINES : 1;
  const columns = size >= 2 ? MANIFOLD_LINES : MANIFOLD_LINES * MANIFOLD_LINES;
  const at = (i: number, n: number) => noiseQuantile(config.noise, 0.02 + (0.96 * i) / (n - 1));
  const manifoldLatents = new Float32Array(rows * columns * size);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const base = (r * columns + c) * size;
      manifoldLatents[base] = at(c, columns);
      if (size >= 2) manifoldLatents[base + 1] = at(rows - 1 - r, rows);
    }
  }
  return { manifoldLatents, rows, columns };
}

/** What the canvas draws in one frame. Points and arrows are interleaved (x, y). */
export interface LabFrame {
  /** D(x) at the centres of HEAT_CELLS^2 cells, row by row from the top. */
  heat: Float32Array;
  heatCells: number;
  manifold: Float32Array;
  manifoldRows: number;
  manifoldColumns: number;
  reals: Float32Array;
  fakes: Float32Array;
  /** Where G's loss pulls each fake point (-gradient), per point. */
  push: Float32Array;
}

export function probeFrame(engine: LabEngine, probes: LabProbes): LabFrame {
  const count = probes.manifoldRows * probes.manifoldColumns;
  const { points, push } = engine.generatorPush(probes.sampleLatents, DISPLAY_POINTS);
  return {
    heat: engine.discriminate(probes.heatGrid, HEAT_CELLS * HEAT_CELLS),
    heatCells: HEAT_CELLS,
    manifold: engine.generate(probes.manifoldLatents, count),
    manifoldRows: probes.manifoldRows,
    manifoldColumns: probes.manifoldColumns,
    reals: probes.realSample.subarray(0, DISPLAY_POINTS * 2),
    fakes: points,
    push,
  };
}

export interface DistanceReading {
  kl: number;
  js: number;
  coverage: Coverage;
  /** How widely G's points spread, relative to the data's spread (see effectiveCells). */
  spread: number;
}

/** KL, JS and coverage of G's fixed sample against the real one (see grid-divergence.ts). */
export function measureDistance(
  engine: LabEngine,
  probes: LabProbes,
  target: TargetDistribution,
): DistanceReading {
  const generated = engine.generate(probes.sampleLatents, SAMPLE_POINTS);
  const density = gridDensity(generated, SAMPLE_POINTS, DIVERGENCE_CELLS);
  return {
    kl: klDivergence(probes.realDensity, density),
    js: jsDivergence(probes.realDensity, density),
    spread: effectiveCells(density) / probes.realSpread,
    coverage: target.modes
      ? modeCoverage(generated, SAMPLE_POINTS, target.modes)
      : massCoverage(probes.realDensity, density),
  };
}
