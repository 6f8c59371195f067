import { beforeAll, describe, expect, it } from 'vitest';
import { Pix2pixTrainer } from '../../../src-main/engine/models/pix2pix/pix2pix-trainer';
import { applyColourTransform } from '../../../src-main/engine/translation/colour-transform';
import {
  beatsBaselines,
  evaluateTranslation,
  measureBaselines,
} from '../../../src-main/engine/translation/evaluate-translation';
import { MAX_PSNR } from '../../../src-main/engine/translation/image-metrics';
import {
  bytesToUnit,
  type ImageTranslator,
  type PairedImageSource,
  unitToBytes,
} from '../../../src-main/engine/translation/paired-images';
import { useTestBackend } from '../../helpers/test-backend';
import { dayNightPairs, memoryImages, tinyPix2pixConfig } from '../../helpers/tiny-translation';

const SIZE = 64;

/** A translator that maps each image with `map` (bytes in, bytes out). */
function translatorFrom(map: (bytes: Uint8Array) => Uint8Array): ImageTranslator {
  return {
    imageSize: SIZE,
    directions: ['a2b', 'b2a'],
    translate: async (images) => bytesToUnit(map(unitToBytes(images))),
    dispose() {},
  };
}

let pairs: PairedImageSource;

describe('evaluating a translation', () => {
  beforeAll(async () => {
    await useTestBackend();
    pairs = await dayNightPairs(40, 4);
  });

  it('scores a model that changes nothing exactly like the identity baseline', async () => {
    const result = await evaluateTranslation(
      translatorFrom((bytes) => bytes),
      pairs,
      'a2b',
    );
    expect(result.pairs).toBe(4);
    expect(result.model).toEqual(result.identity);
    expect(beatsBaselines(result)).toBe(false);
    // Day and night differ a lot; a colour grade gets much closer, but not all the way (lit windows, moon).
    expect(result.colorTransform.psnr).toBeGreaterThan(result.identity.psnr + 5);
    expect(result.colorTransform.psnr).toBeLessThan(30);
  });

  it('gives a model that returns the very targets perfect scores', async () => {
    const heldOutB = pairs.b.readImages([...pairs.heldOutIndices]);
    const result = await evaluateTranslation(
      translatorFrom(() => heldOutB),
      pairs,
      'a2b',
    );
    expect(result.model).toEqual({ psnr: MAX_PSNR, ssim: 1, l1: 0 });
    expect(beatsBaselines(result)).toBe(true);
  });

  it('fits the colour baseline on the training pairs only and applies it to the held-out ones', () => {
    // B made from A by an exact colour grade: the fitted baseline reproduces it (to rounding) on held-out pairs.
    const grade = [
      [0.2, 0.0, 0.0, 0.02],
      [0.0, 0.25, 0.05, 0.03],
      [0.05, 0.05, 0.5, 0.15],
    ];
    const count = pairs.a.count;
    const gradedB = applyColourTransform(
      grade,
      pairs.a.readImages(Array.from({ length: count }, (_, i) => i)),
    );
    const graded = { ...pairs, b: memoryImages(gradedB, SIZE) };
    const baselines = measureBaselines(graded, 'a2b');
    expect(baselines.colorTransform.psnr).toBeGreaterThan(45);
    expect(baselines.colorTransform.l1).toBeLessThan(0.003);
    // The other way round the inputs are the graded images.
    expect(measureBaselines(graded, 'b2a').identity).toEqual(baselines.identity);
  });

  it('refuses a dataset without held-out pairs', async () => {
    const none = { ...pairs, heldOutIndices: [] };
    await expect(
      evaluateTranslation(
        translatorFrom((b) => b),
        none,
        'a2b',
      ),
    ).rejects.toThrow(/--held-out/);
  });

  it('shows a small pix2pix trained briefly on day/night scenes beating both baselines', async () => {
    // Width 8 and a higher learning rate than the default: a model that learns this in about 200 steps.
    const config = tinyPix2pixConfig({
      generatorWidth: 8,
      discriminatorWidth: 8,
      maxChannels: 64,
      discriminatorLayers: 3,
      batchSize: 4,
      steps: 200,
      learningRateG: 1e-3,
      learningRateD: 1e-3,
    });
    const trainer = new Pix2pixTrainer(config, pairs);
    try {
      for (let step = 0; step < config.steps; step++) await trainer.trainStep(step, 1);
      const result = await evaluateTranslation(trainer.translator, pairs, 'a2b');
      expect(result.model.psnr).toBeGreaterThan(result.colorTransform.psnr);
      expect(result.model.ssim).toBeGreaterThan(result.colorTransform.ssim);
      expect(result.model.l1).toBeLessThan(result.colorTransform.l1);
      expect(beatsBaselines(result)).toBe(true);
    } finally {
      trainer.dispose();
    }
  });
});
