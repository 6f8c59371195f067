import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTensorValues } from '../../src-main/engine/checkpoints/checkpoint-store';
import { RealImageBatches } from '../../src-main/engine/data/real-image-batches';
import { DcganSampler } from '../../src-main/engine/models/dcgan/dcgan-sampler';
import { latentsForSeeds } from '../../src-main/engine/sampling/latents';
import { DcganTrainer } from '../../src-main/engine/models/dcgan/dcgan-trainer';
import { generatorChannels } from '../../src-main/engine/models/dcgan/dcgan-networks';
import type { StepMetrics } from '../../src-main/engine/models/gan-trainer';
import { useTestBackend } from '../helpers/test-backend';
import { syntheticImages, tinyDcganConfig } from '../helpers/tiny-dcgan';

const trainers: DcganTrainer[] = [];
function makeTrainer(seed = 11) {
  const config = tinyDcganConfig({ seed });
  const trainer = new DcganTrainer(config, new RealImageBatches(syntheticImages(10), config.seed));
  trainers.push(trainer);
  return trainer;
}

async function train(trainer: DcganTrainer, from: number, steps: number): Promise<StepMetrics[]> {
  const metrics: StepMetrics[] = [];
  for (let step = from; step < from + steps; step++) metrics.push(await trainer.trainStep(step, 1));
  return metrics;
}

describe('DCGAN trainer', () => {
  beforeAll(useTestBackend);
  afterEach(() => trainers.splice(0).forEach((t) => t.dispose()));

  it('builds the reference architecture at 32 px with width 32', () => {
    expect(
      generatorChannels({
        imageSize: 32,
        latentSize: 64,
        generatorWidth: 32,
        discriminatorWidth: 32,
        maxChannels: 256,
      }),
    ).toEqual([128, 64, 32]);
    expect(
      generatorChannels({
        imageSize: 128,
        latentSize: 64,
        generatorWidth: 32,
        discriminatorWidth: 32,
        maxChannels: 256,
      }),
    ).toEqual([256, 256, 128, 64, 32]);
  });

  it('keeps the tensor count flat over steps', async () => {
    const trainer = makeTrainer();
    await train(trainer, 0, 2);
    const before = tf.memory().numTensors;
    await train(trainer, 2, 5);
    await trainer.renderPreview();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps tensors and tensor bytes flat over 1,000 steps with previews, on every fast-path kernel', async () => {
    const trainer = makeTrainer(5);
    await train(trainer, 0, 10);
    await trainer.renderPreview();
    const before = tf.memory();
    for (let round = 0; round < 10; round++) {
      await train(trainer, 10 + 99 * round, 99);
      await trainer.renderPreview();
    }
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
  });

  it('reports finite losses and D scores in (0, 1), and the same ones for the same seed', async () => {
    const a = await train(makeTrainer(1), 0, 3);
    const b = await train(makeTrainer(1), 0, 3);
    const c = await train(makeTrainer(2), 0, 3);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const m of a) {
      expect(Object.values(m).every(Number.isFinite)).toBe(true);
      expect(m.dReal).toBeGreaterThan(0);
      expect(m.dReal).toBeLessThan(1);
    }
  });

  it('continues bit for bit from restored state', async () => {
    const straight = await train(makeTrainer(), 0, 4);

    const first = makeTrainer();
    await train(first, 0, 2);
    const saved = await readTensorValues(first.stateTensors());
    const counters = first.stateCounters();
    const copy = new Map(
      [...saved].map(([name, v]) => [name, { shape: v.shape, values: Float32Array.from(v.values) }]),
    );

    const second = makeTrainer();
    await train(second, 6, 3); // moves weights and optimizer state away; the restore must undo all of it
    second.restoreState(copy, counters);
    const resumed = await train(second, 2, 2);
    expect(resumed).toEqual(straight.slice(2));
  });

  it('renders a preview grid and samples the same PNG-ready pixels for the same seed', async () => {
    const trainer = makeTrainer();
    await train(trainer, 0, 2);
    const preview = await trainer.renderPreview();
    // 4 previews of 32 px in a 2x2 grid with 2 px gaps.
    expect([preview.width, preview.height]).toEqual([2 * 32 + 3 * 2, 2 * 32 + 3 * 2]);

    // Freshly initialized weights make nearly flat grey images; bolder weights make the seeds tell apart.
    const tensors = await readTensorValues(trainer.stateTensors());
    for (const value of tensors.values()) value.values = value.values.map((v) => v * 8);
    const sampler = new DcganSampler(tinyDcganConfig(), tensors);
    const sample = (seeds: number[], truncation: number) =>
      sampler.generate(latentsForSeeds(seeds, sampler.latentSize, truncation), seeds.length);
    const one = await sample([3, 4], 1);
    const two = await sample([3], 1);
    expect(two).toEqual(one.subarray(0, 32 * 32 * 3));
    expect(two).not.toEqual(one.subarray(32 * 32 * 3));
    const truncated = await sample([3], 0.5);
    expect(truncated).not.toEqual(two);
    expect(() => latentsForSeeds([3], 8, 0)).toThrow(/truncation/);
    sampler.dispose();
  });
});
