import { beforeAll, describe, expect, it } from 'vitest';
import { RealImageBatches } from '../../../src-main/engine/data/real-image-batches';
import { CycleganTrainer } from '../../../src-main/engine/models/cyclegan/cyclegan-trainer';
import { DcganTrainer } from '../../../src-main/engine/models/dcgan/dcgan-trainer';
import type { GanTrainer, StepMetrics } from '../../../src-main/engine/models/gan-trainer';
import { Pix2pixTrainer } from '../../../src-main/engine/models/pix2pix/pix2pix-trainer';
import { useTestBackend } from '../../helpers/test-backend';
import { syntheticImages, tinyDcganConfig } from '../../helpers/tiny-dcgan';
import { dayNightPairs, tinyCycleganConfig, tinyPix2pixConfig } from '../../helpers/tiny-translation';
import { trainSteps } from '../../helpers/trainer-steps';
import { GOLDEN_LOSSES, GOLDEN_STATE_SUMS, type GoldenRun } from './golden-values';

/*
 * Speed work must not change what training computes beyond float rounding. These losses were recorded from the
 * implementation before the speed work (tfjs-backend-wasm, one thread) and every later version must reproduce
 * them to 1e-5 relative. GAN_STUDIO_RECORD_GOLDEN=1 prints fresh values instead of checking (only ever do that
 * for a deliberate change of the maths, and say so in the commit).
 */
const RELATIVE_TOLERANCE = 1e-5;
const RECORD = process.env.GAN_STUDIO_RECORD_GOLDEN === '1';
/** Ten times the default rates, so a dozen steps move the weights far enough for a wrong gradient to show. */
const FAST = { learningRateG: 2e-3, learningRateD: 2e-3 };

const TRAINERS: Record<GoldenRun, () => Promise<GanTrainer>> = {
  dcganAugmented: async () => {
    const config = tinyDcganConfig({ seed: 3, ...FAST });
    return new DcganTrainer(config, new RealImageBatches(syntheticImages(12), config.seed));
  },
  dcganPlain: async () => {
    const config = tinyDcganConfig({
      seed: 4,
      ...FAST,
      batchSize: 6,
      augment: { color: false, translation: false, cutout: false, translationRatio: 0.125, cutoutRatio: 0.5 },
    });
    return new DcganTrainer(config, new RealImageBatches(syntheticImages(12), config.seed));
  },
  pix2pix: async () => new Pix2pixTrainer(tinyPix2pixConfig({ seed: 6, ...FAST }), await dayNightPairs(5, 1)),
  cyclegan: async () =>
    new CycleganTrainer(tinyCycleganConfig({ seed: 7, ...FAST }), { kind: 'paired', pairs: await dayNightPairs(5, 1) }),
};

/** Sum of |w| over each network's state (weights, running statistics, Adam moments), by checkpoint prefix. */
async function stateSums(trainer: GanTrainer): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const [name, tensor] of trainer.stateTensors()) {
    const prefix = name.split('/')[0]!;
    const values = (await tensor.data()) as Float32Array;
    sums[prefix] = values.reduce((sum, v) => sum + Math.abs(v), sums[prefix] ?? 0);
  }
  return sums;
}

function expectClose(actual: StepMetrics[], expected: Record<string, number>[], run: string): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((metrics, step) => {
    const golden = expected[step]!;
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, value] of Object.entries(golden)) {
      const got = metrics[name]!;
      const scale = Math.max(Math.abs(value), 1e-3);
      if (Math.abs(got - value) > RELATIVE_TOLERANCE * scale) {
        throw new Error(`${run} step ${step} ${name}: ${got} differs from the golden ${value}`);
      }
    }
  });
}

describe('golden losses (same training before and after each speed change)', () => {
  beforeAll(useTestBackend);

  for (const run of Object.keys(TRAINERS) as GoldenRun[]) {
    it(`${run} reproduces its recorded losses`, async () => {
      const trainer = await TRAINERS[run]();
      const metrics = await trainSteps(trainer, 0, GOLDEN_LOSSES[run].length || 12);
      const sums = await stateSums(trainer);
      trainer.dispose();
      if (RECORD) {
        process.stdout.write(`GOLDEN ${run} ${JSON.stringify({ losses: metrics, sums })}\n`);
        return;
      }
      expectClose(metrics, GOLDEN_LOSSES[run], run);
      expectClose([sums], [GOLDEN_STATE_SUMS[run]], `${run} state`);
    }, 60_000);
  }
});
