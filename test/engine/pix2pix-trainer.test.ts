import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pix2pix } from '../../src-main/engine/models/pix2pix';
import { Pix2pixTrainer } from '../../src-main/engine/models/pix2pix/pix2pix-trainer';
import { unetChannels } from '../../src-main/engine/models/pix2pix/unet-generator';
import type { PairedImageSource } from '../../src-main/engine/translation/paired-images';
import { useTestBackend } from '../helpers/test-backend';
import { snapshotState, trainSteps } from '../helpers/trainer-steps';
import { dayNightPairs, tinyPix2pixConfig } from '../helpers/tiny-translation';

let pairs: PairedImageSource;
const trainers: Pix2pixTrainer[] = [];
function makeTrainer(seed = 5) {
  const trainer = new Pix2pixTrainer(tinyPix2pixConfig({ seed }), pairs);
  trainers.push(trainer);
  return trainer;
}

describe('pix2pix trainer', () => {
  beforeAll(async () => {
    await useTestBackend();
    pairs = await dayNightPairs(6, 2);
  });
  afterEach(() => trainers.splice(0).forEach((t) => t.dispose()));

  it('builds a U-Net from the image down to 1x1, channels doubling up to the cap', () => {
    expect(unetChannels({ imageSize: 64, generatorWidth: 32, maxChannels: 256 })).toEqual([
      32, 64, 128, 256, 256, 256,
    ]);
    expect(unetChannels({ imageSize: 256, generatorWidth: 32, maxChannels: 256 })).toHaveLength(8);
  });

  it('keeps the tensor count flat over steps and previews', async () => {
    const trainer = makeTrainer();
    await trainSteps(trainer, 0, 2);
    await trainer.renderPreview();
    const before = tf.memory().numTensors;
    await trainSteps(trainer, 2, 3);
    await trainer.renderPreview();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports finite losses, the L1 distance, and the same numbers for the same seed', async () => {
    const a = await trainSteps(makeTrainer(1), 0, 3);
    const b = await trainSteps(makeTrainer(1), 0, 3);
    const c = await trainSteps(makeTrainer(2), 0, 3);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const m of a) {
      expect(Object.values(m).every(Number.isFinite)).toBe(true);
      expect(m.l1).toBeGreaterThan(0);
      expect(m.dReal).toBeGreaterThan(0);
      expect(m.dReal).toBeLessThan(1);
    }
  });

  it('continues bit for bit from restored state (weights, optimizer, batch-norm statistics, dropout)', async () => {
    const straight = await trainSteps(makeTrainer(), 0, 4);
    const first = makeTrainer();
    await trainSteps(first, 0, 2);
    const { tensors, counters } = await snapshotState(first);

    const second = makeTrainer();
    await trainSteps(second, 5, 3); // moves everything away; the restore must undo all of it
    second.restoreState(tensors, counters);
    expect(await trainSteps(second, 2, 2)).toEqual(straight.slice(2));
  });

  it('previews rows of held-out input | output | target, and translates like its checkpoint', async () => {
    const trainer = makeTrainer();
    await trainSteps(trainer, 0, 2);
    const preview = await trainer.renderPreview();
    // 2 rows of 3 images of 64 px, 2 px gaps.
    expect([preview.width, preview.height]).toEqual([3 * 64 + 4 * 2, 2 * 64 + 3 * 2]);

    const { tensors } = await snapshotState(trainer);
    const loaded = pix2pix.createTranslator!(tinyPix2pixConfig(), tensors);
    const input = new Float32Array(2 * 64 * 64 * 3).map((_, i) => Math.sin(i) * 0.9);
    expect(await loaded.translate(input, 2, 'a2b')).toEqual(
      await trainer.translator.translate(input, 2, 'a2b'),
    );
    expect(loaded.directions).toEqual(['a2b']);
    loaded.dispose();
    expect(() => pix2pix.createSampler(tinyPix2pixConfig(), tensors)).toThrow(/gan-studio translate/);
  });

  it('refuses data without pairs and a dataset with every pair held out', () => {
    expect(() => pix2pix.createTrainer(tinyPix2pixConfig(), { kind: 'images', images: pairs.a })).toThrow(
      /import-pairs/,
    );
    const allHeldOut = { ...pairs, trainIndices: [], heldOutIndices: [0, 1, 2, 3, 4, 5] };
    expect(() => new Pix2pixTrainer(tinyPix2pixConfig(), allHeldOut)).toThrow(/all 6 are held out/);
  });
});
