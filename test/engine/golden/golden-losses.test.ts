import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RealImageBatches } from '../../../src-main/engine/data/real-image-batches';
import { CycleganTrainer } from '../../../src-main/engine/models/cyclegan/cyclegan-trainer';
import { DcganTrainer } from '../../../src-main/engine/models/dcgan/dcgan-trainer';
import type { GanTrainer } from '../../../src-main/engine/models/gan-trainer';
import { Pix2pixTrainer } from '../../../src-main/engine/models/pix2pix/pix2pix-trainer';
import { useTestBackend } from '../../helpers/test-backend';
import { syntheticImages, tinyDcganConfig } from '../../helpers/tiny-dcgan';
import { dayNightPairs, tinyCycleganConfig, tinyPix2pixConfig } from '../../helpers/tiny-translation';
import { trainSteps } from '../../helpers/trainer-steps';
import { GOLDEN_LOSSES, GOLDEN_WEIGHT_SUMS, type GoldenRun } from './golden-values';

/*
 * Speed work must not change what training computes beyond float rounding. These losses were recorded from the
 * implementation before the speed work (tfjs-backend-wasm, one thread, default learning rates) and every later
 * version must reproduce them to 1e-5 relative. A wrong gradient shows at the second step already (one Adam
 * update moves these losses by ~1e-3 relative); rounding differences stay near 1e-7. GAN_STUDIO_RECORD_GOLDEN=1 prints fresh values instead of checking (only ever do that
 * for a deliberate change of the maths, and say so in the commit).
 */
const RELATIVE_TOLERANCE = 1e-5;
/** The weights pass through one more update than the last loss, and their sums add up rounding: a looser bound. */
const WEIGHTS_TOLERANCE = 1e-4;
/** Adam moments and CycleGAN's image history are left out of the sums: noise-sized gradients dominate them. */
const WEIGHT_PREFIXES = ['generator', 'discriminator', 'averagedGenerator', 'generators', 'discriminators'];
const RECORD = process.env.GAN_STUDIO_RECORD_GOLDEN === '1';

/*
 * CycleGAN at batch 2 amplifies float rounding about a hundredfold a step from its third step on (the cpu and
 * wasm backends part just as fast), so beyond 3 steps its losses say nothing about whether the maths changed.
 */
const GOLDEN_STEPS: Record<GoldenRun, number> = {
  dcganAugmented: 12,
  dcganPlain: 12,
  pix2pix: 12,
  cyclegan: 3,
};

const TRAINERS: Record<GoldenRun, () => Promise<GanTrainer>> = {
  dcganAugmented: async () => {
    const config = tinyDcganConfig({ seed: 3 });
    return new DcganTrainer(config, new RealImageBatches(syntheticImages(12), config.seed));
  },
  dcganPlain: async () => {
    const config = tinyDcganConfig({
      seed: 4,
      batchSize: 6,
      augment: { color: false, translation: false, cutout: false, translationRatio: 0.125, cutoutRatio: 0.5 },
    });
    return new DcganTrainer(config, new RealImageBatches(syntheticImages(12), config.seed));
  },
  pix2pix: async () => new Pix2pixTrainer(tinyPix2pixConfig({ seed: 6 }), await dayNightPairs(5, 1)),
  cyclegan: async () =>
    new CycleganTrainer(tinyCycleganConfig({ seed: 7 }), {
      kind: 'paired',
      pairs: await dayNightPairs(5, 1),
    }),
};

/** Sum of |w| over each network's weights (and batch-norm running statistics), by checkpoint prefix. */
async function stateSums(trainer: GanTrainer): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const [name, tensor] of trainer.stateTensors()) {
    const prefix = name.split('/')[0]!;
    if (!WEIGHT_PREFIXES.includes(prefix)) continue;
    const values = (await tensor.data()) as Float32Array;
    sums[prefix] = values.reduce((sum, v) => sum + Math.abs(v), sums[prefix] ?? 0);
  }
  return sums;
}

function expectClose(
  actual: Record<string, number>[],
  expected: Record<string, number>[],
  run: string,
  tolerance = RELATIVE_TOLERANCE,
): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((metrics, step) => {
    const golden = expected[step]!;
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, value] of Object.entries(golden)) {
      const got = metrics[name]!;
      const scale = Math.max(Math.abs(value), 1e-3);
      if (Math.abs(got - value) > tolerance * scale) {
        throw new Error(`${run} step ${step} ${name}: ${got} differs from the golden ${value}`);
      }
    }
  });
}

describe('golden losses (same training before and after each speed change)', () => {
  beforeAll(useTestBackend);
  // Recorded on wasm; another backend rounds differently from the first step on.
  const onWasm = () => tf.getBackend() === 'wasm';

  for (const run of Object.keys(TRAINERS) as GoldenRun[]) {
    it(`${run} reproduces its recorded losses`, async (context) => {
      if (!onWasm() && !RECORD) context.skip();
      const trainer = await TRAINERS[run]();
      const metrics = await trainSteps(trainer, 0, GOLDEN_STEPS[run]);
      const sums = await stateSums(trainer);
      trainer.dispose();
      if (RECORD) {
        process.stdout.write(`GOLDEN ${run} ${JSON.stringify({ losses: metrics, sums })}\n`);
        return;
      }
      expectClose(metrics, GOLDEN_LOSSES[run], run);
      expectClose([sums], [GOLDEN_WEIGHT_SUMS[run]], `${run} weights`, WEIGHTS_TOLERANCE);
    }, 60_000);
  }
});
