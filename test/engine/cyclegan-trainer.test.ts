import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingData } from '../../src-main/engine/models/model-definition';
import { cyclegan } from '../../src-main/engine/models/cyclegan';
import type { CycleganConfig } from '../../src-main/engine/models/cyclegan/cyclegan-config';
import { CycleganTrainer } from '../../src-main/engine/models/cyclegan/cyclegan-trainer';
import type { PairedImageSource } from '../../src-main/engine/translation/paired-images';
import { useTestBackend } from '../helpers/test-backend';
import { snapshotState, trainSteps } from '../helpers/trainer-steps';
import { dayNightPairs, tinyCycleganConfig } from '../helpers/tiny-translation';

let pairs: PairedImageSource;
const trainers: CycleganTrainer[] = [];
function makeTrainer(overrides: Partial<CycleganConfig> = {}, data?: TrainingData) {
  const trainer = new CycleganTrainer(tinyCycleganConfig(overrides), data ?? { kind: 'paired', pairs });
  trainers.push(trainer);
  return trainer;
}

describe('CycleGAN trainer', () => {
  beforeAll(async () => {
    await useTestBackend();
    pairs = await dayNightPairs(6, 2);
  });
  afterEach(() => trainers.splice(0).forEach((t) => t.dispose()));

  it('keeps the tensor count flat over steps and previews', async () => {
    const trainer = makeTrainer();
    await trainSteps(trainer, 0, 1);
    await trainer.renderPreview();
    const before = tf.memory().numTensors;
    await trainSteps(trainer, 1, 2);
    await trainer.renderPreview();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports finite adversarial, cycle and identity losses, the same for the same seed', async () => {
    const a = await trainSteps(makeTrainer({ seed: 1 }), 0, 2);
    const b = await trainSteps(makeTrainer({ seed: 1 }), 0, 2);
    expect(a).toEqual(b);
    for (const m of a) {
      expect(Object.values(m).every(Number.isFinite)).toBe(true);
      expect(m.cycle).toBeGreaterThan(0);
      expect(m.identity).toBeGreaterThan(0);
    }
  });

  it('continues bit for bit from restored state, history pool included', async () => {
    // Pool of 3 at batch 2: full after step 2, so steps 3 and 4 draw pooled fakes saved in the checkpoint.
    const straight = await trainSteps(makeTrainer(), 0, 4);
    const first = makeTrainer();
    await trainSteps(first, 0, 2);
    const { tensors: saved, counters } = await snapshotState(first);
    expect([...saved.keys()].filter((name) => name.startsWith('history/'))).toEqual([
      'history/fakeA',
      'history/fakeB',
    ]);
    expect(counters).toMatchObject({ historyAFilled: 3, historyBFilled: 3 });

    const second = makeTrainer();
    await trainSteps(second, 4, 1);
    second.restoreState(saved, counters);
    expect(await trainSteps(second, 2, 2)).toEqual(straight.slice(2));
  });

  it('trains on two unmatched sets, previewing the round trip, and translates both ways', async () => {
    const trainer = makeTrainer({}, { kind: 'unpaired', a: pairs.a, b: pairs.b });
    await trainSteps(trainer, 0, 1);
    const preview = await trainer.renderPreview();
    // A rows then B rows (2 each), 3 columns.
    expect([preview.width, preview.height]).toEqual([3 * 64 + 4 * 2, 4 * 64 + 5 * 2]);
    const { tensors } = await snapshotState(trainer);
    const translator = cyclegan.createTranslator!(tinyCycleganConfig(), tensors);
    expect(translator.directions).toEqual(['a2b', 'b2a']);
    const input = new Float32Array(64 * 64 * 3).fill(0.2);
    const toB = await translator.translate(input, 1, 'a2b');
    const toA = await translator.translate(input, 1, 'b2a');
    expect(toB).not.toEqual(toA);
    expect(toB).toEqual(await trainer.translator.translate(input, 1, 'a2b'));
    translator.dispose();
  });

  it('refuses a single folder of images', () => {
    expect(() => makeTrainer({}, { kind: 'images', images: pairs.a })).toThrow(/two sets of images/);
  });
});
