import * as tf from '@tensorflow/tfjs';
import { LAB_DEFAULTS, type LabConfig, parseLabConfig } from '../src-main/engine/lab/lab-config';
import { initialEngineState, LabSession } from '../src-main/engine/lab/lab-session';
import { PlainLabEngine } from '../src-main/engine/lab/plain-lab-engine';
import { TfjsLabEngine } from '../src-main/engine/lab/tfjs-lab-engine';
import { openContentionWindow, otherCores } from './cpu-contention';
import { median } from './measure';

/**
 * The Lab's numbers under Node: how far the introduction's GAN gets on the ring in a given number of iterations
 * (JS divergence and modes covered, per seed and the median), and what a training iteration, a frame's probes
 * and a measurement cost on each engine.
 */

export interface QualityRow {
  label: string;
  learningRate: number;
  /** Iteration -> the median over seeds of JS and of modes covered, and each seed's JS. */
  checkpoints: { iteration: number; jsMedian: number; modesMedian: number; js: number[] }[];
}

export interface EngineTiming {
  compute: 'plain' | 'tfjs';
  iterationMs: number;
  frameMs: number;
  measureMs: number;
  /** Cores' worth of CPU other processes used meanwhile (0 on a quiet machine). */
  otherCores: number | undefined;
}

export function trainOnRing(config: LabConfig, label: string, steps: number, seeds: number): QualityRow {
  const marks = [steps / 4, steps / 2, (3 * steps) / 4, steps].map(Math.round);
  const perSeed = Array.from({ length: seeds }, (_, i) => {
    const seeded = parseLabConfig({ ...config, seed: i + 1 });
    const session = new LabSession(seeded, new PlainLabEngine(seeded, initialEngineState(seeded)));
    const readings: { js: number; modes: number }[] = [];
    for (let iteration = 1; iteration <= steps; iteration++) {
      session.trainIteration();
      if (!marks.includes(iteration)) continue;
      const { js, coverage } = session.measure();
      readings.push({ js, modes: coverage.modes?.covered ?? Number.NaN });
    }
    process.stderr.write(
      `  ${label}, seed ${i + 1}: JS ${readings.map((r) => r.js.toFixed(3)).join(' -> ')}\n`,
    );
    return readings;
  });
  return {
    label,
    learningRate: config.generatorLearningRate,
    checkpoints: marks.map((iteration, m) => {
      const js = perSeed.map((readings) => readings[m]!.js);
      return {
        iteration,
        jsMedian: median(js),
        modesMedian: median(perSeed.map((readings) => readings[m]!.modes)),
        js,
      };
    }),
  };
}

/** Median of `repeats` timings of `count` calls each, in ms per call, after a warm-up round. */
function timePerCall(run: () => void, count: number, repeats = 5): number {
  const rounds: number[] = [];
  for (let round = 0; round <= repeats; round++) {
    const started = performance.now();
    for (let i = 0; i < count; i++) run();
    if (round > 0) rounds.push((performance.now() - started) / count);
  }
  return Math.round(median(rounds) * 1000) / 1000;
}

export async function timeEngines(quick: boolean): Promise<EngineTiming[]> {
  await tf.setBackend('cpu');
  const config = LAB_DEFAULTS;
  const engines = [
    new PlainLabEngine(config, initialEngineState(config)),
    await TfjsLabEngine.create(config, initialEngineState(config)),
  ];
  const timings: EngineTiming[] = [];
  for (const engine of engines) {
    const session = new LabSession(config, engine);
    const scale = (engine.compute === 'plain' ? 10 : 1) * (quick ? 0.2 : 1);
    const contention = openContentionWindow();
    timings.push({
      compute: engine.compute,
      iterationMs: timePerCall(() => session.trainIteration(), Math.ceil(40 * scale)),
      frameMs: timePerCall(() => session.frame(), Math.ceil(10 * scale)),
      measureMs: timePerCall(() => session.measure(), Math.ceil(5 * scale)),
      otherCores: otherCores(contention),
    });
    session.dispose();
  }
  return timings;
}
