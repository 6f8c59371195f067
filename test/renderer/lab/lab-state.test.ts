import { beforeAll, describe, expect, it } from 'vitest';
import type { LabEngine } from '../../../src-main/engine/lab/lab-engine';
import { PlainLabEngine } from '../../../src-main/engine/lab/plain-lab-engine';
import { DEFAULT_STEPS_PER_FRAME, LabState } from '../../../src-renderer/views/lab/lab-state.svelte';
import { manualClock, stubBrowserGaps } from './lab-dom-stubs';

async function startedLab(options: ConstructorParameters<typeof LabState>[0] = {}) {
  const clock = manualClock();
  const lab = new LabState({ now: clock.now, ...options });
  await lab.start();
  return { lab, clock };
}

describe('LabState', () => {
  beforeAll(stubBrowserGaps);

  it('starts paused on the ring with a frame to draw and nothing trained', async () => {
    const { lab } = await startedLab();
    expect(lab.pending).toBe(false);
    expect(lab.running).toBe(false);
    expect(lab.config.target).toBe('ring');
    expect(lab.readings.iteration).toBe(0);
    expect(lab.readings.frame?.heat.length).toBe(40 * 40);
    expect(lab.readings.distance?.js).toBeGreaterThan(0.2);
  });

  it('play and pause toggle; a frame trains the steps per frame and moves the points', async () => {
    const { lab, clock } = await startedLab();
    const before = lab.readings.frame!.fakes;
    lab.toggle();
    expect(lab.running).toBe(true);
    lab.advanceFrame();
    clock.advance(16);
    lab.advanceFrame();
    expect(lab.readings.iteration).toBe(2 * DEFAULT_STEPS_PER_FRAME);
    expect(lab.readings.frame!.fakes).not.toEqual(before);
    lab.toggle();
    expect(lab.running).toBe(false);
    lab.advanceFrame();
    expect(lab.readings.iteration).toBe(2 * DEFAULT_STEPS_PER_FRAME);
  });

  it('steps D, G or both, one update at a time', async () => {
    const { lab } = await startedLab();
    lab.stepDiscriminator();
    lab.stepGenerator();
    lab.stepBoth();
    expect(lab.readings.iteration).toBe(3);
    // The first row waits for a G loss to chart, then carries D's from step 1.
    expect(lab.readings.losses.x).toEqual([2, 3]);
  });

  it('reset replays the same run from the same seed', async () => {
    const { lab } = await startedLab();
    const fresh = lab.readings.frame!.fakes;
    for (let i = 0; i < 5; i++) lab.stepBoth();
    await lab.reset();
    expect(lab.readings.iteration).toBe(0);
    expect(lab.readings.frame!.fakes).toEqual(fresh);
  });

  it('settings change the model: learning rates live, sizes and seeds by starting over', async () => {
    const { lab } = await startedLab();
    const { lab: reference } = await startedLab();
    for (const l of [lab, reference]) l.stepBoth();
    await lab.update({ generatorLearningRate: 0.3 });
    for (const l of [lab, reference]) l.stepBoth();
    expect(lab.readings.iteration).toBe(2);
    const [ours, theirs] = [await lab.engineState(), await reference.engineState()];
    expect(ours!.generator.params).not.toEqual(theirs!.generator.params);

    await lab.update({ generatorHidden: 30, latentSize: 2 });
    expect(lab.readings.iteration).toBe(0);
    expect((await lab.engineState())!.generator.params.length).toBe(2 * 30 + 30 + 30 * 2 + 2);
  });

  it('rejects a setting outside its range and says why', async () => {
    const { lab } = await startedLab();
    await lab.update({ batchSize: 3 });
    expect(lab.error).toMatch(/batchSize/);
    expect(lab.config.batchSize).toBe(128);
  });

  it('cannot train on a drawn target until something is drawn', async () => {
    const { lab } = await startedLab();
    await lab.update({ target: 'drawn' });
    expect(lab.canTrain).toBe(false);
    lab.play();
    expect(lab.running).toBe(false);
    lab.addDrawnPoint(0.5, 0.5);
    expect(lab.canTrain).toBe(true);
    expect(lab.readings.frame!.reals[0]).toBeCloseTo(0.5, 0);
  });

  it('moves a run to TensorFlow.js and back with the same weights', async () => {
    const { lab } = await startedLab();
    for (let i = 0; i < 3; i++) lab.stepBoth();
    const before = await lab.engineState();
    await lab.useCompute('tfjs');
    expect(lab.compute).toBe('tfjs');
    expect(lab.readings.iteration).toBe(3);
    expect((await lab.engineState())!.generator.params).toEqual(before!.generator.params);
    lab.stepBoth();
    await lab.useCompute('plain');
    expect(lab.readings.iteration).toBe(4);
  });

  it('pauses and says so when training blows up', async () => {
    const blowUp = async (...args: ConstructorParameters<typeof PlainLabEngine>): Promise<LabEngine> => {
      const engine = new PlainLabEngine(...args);
      engine.trainGenerator = () => Number.NaN;
      return engine;
    };
    const { lab, clock } = await startedLab({
      createEngine: (_compute, config, state) => blowUp(config, state),
    });
    lab.play();
    lab.advanceFrame();
    clock.advance(200);
    lab.advanceFrame();
    expect(lab.running).toBe(false);
    expect(lab.readings.troubles.map((sign) => sign.kind)).toEqual(['diverged']);
  });
});
