import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadLatestCheckpoint } from '../../src-main/engine/checkpoints/checkpoint-store';
import { RealImageBatches } from '../../src-main/engine/data/real-image-batches';
import type { DcganConfig } from '../../src-main/engine/models/dcgan/dcgan-config';
import { DcganTrainer } from '../../src-main/engine/models/dcgan/dcgan-trainer';
import type { GanTrainer, StepMetrics } from '../../src-main/engine/models/gan-trainer';
import { checkpointsFolder, readMetrics } from '../../src-main/engine/training/run-outputs';
import { TrainingControl } from '../../src-main/engine/training/training-control';
import { runTrainingLoop, type TrainingLoopOptions } from '../../src-main/engine/training/training-loop';
import type { TrainEvent, TrainProgressEvent } from '../../src-main/shared/job-events';
import { useTestBackend } from '../helpers/test-backend';
import { syntheticImages, tinyDcganConfig } from '../helpers/tiny-dcgan';
import { tempFolder } from '../fixtures/temp-folders';

const disposables: GanTrainer[] = [];
afterEach(() => disposables.splice(0).forEach((t) => t.dispose()));

function setup(overrides: Partial<DcganConfig> = {}) {
  const config = tinyDcganConfig({
    steps: 6,
    progressEvery: 1,
    previewEvery: 3,
    checkpointEvery: 2,
    ...overrides,
  });
  const trainer = new DcganTrainer(config, new RealImageBatches(syntheticImages(10), config.seed));
  disposables.push(trainer);
  const events: TrainEvent[] = [];
  const control = new TrainingControl();
  const runFolder = tempFolder('run');
  const options: TrainingLoopOptions = {
    trainer,
    settings: config,
    config,
    runFolder,
    runName: 'test-run',
    datasetHash: 'hash',
    control,
    emit: (event) => events.push(event),
  };
  return { config, trainer, events, control, runFolder, options };
}

const progress = (events: TrainEvent[]) =>
  events.filter((e): e is TrainProgressEvent => e.event === 'progress');
const lossesOf = (events: TrainEvent[]) =>
  progress(events).map((e) => [e.step, e.dLoss, e.gLoss, e.dReal, e.dFake]);

describe('training loop', () => {
  beforeAll(useTestBackend);

  it('reports progress, writes previews, metrics and checkpoints, and completes', async () => {
    const { events, runFolder, options } = setup();
    const result = await runTrainingLoop(options);
    expect(result).toEqual({ outcome: 'completed', step: 6 });
    expect(progress(events).map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.filter((e) => e.event === 'checkpoint').map((e) => e.step)).toEqual([0, 2, 4, 6]);
    expect(events.filter((e) => e.event === 'preview').map((e) => e.step)).toEqual([3, 6]);
    expect(events.at(-1)).toEqual({ event: 'done', run: 'test-run', status: 'completed', step: 6 });
    expect(readdirSync(join(runFolder, 'previews'))).toEqual(['step-000000003.png', 'step-000000006.png']);
    expect(readMetrics(runFolder).map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const last = progress(events).at(-1)!;
    expect(last.imgPerSec).toBeGreaterThan(0);
    expect(last.etaSeconds).toBe(0);
  });

  it('pauses and stops within one step, saving a checkpoint on stop', async () => {
    const { events, control, options } = setup({ steps: 50 });
    options.emit = (event) => {
      events.push(event);
      if (event.event === 'progress' && event.step === 2) {
        control.pause();
        setTimeout(() => control.resume(), 50);
      }
      if (event.event === 'progress' && event.step === 4) control.stop();
    };
    const result = await runTrainingLoop(options);
    const names = events.map((e) => `${e.event}${'step' in e ? e.step : ''}`);
    // The pause lands right after step 2, the stop right after step 4.
    expect(names.indexOf('status2')).toBe(names.indexOf('progress2') + 2); // after step 2's checkpoint
    expect(events.find((e) => e.event === 'status')).toEqual({ event: 'status', status: 'paused', step: 2 });
    expect(result).toEqual({ outcome: 'stopped', step: 4 });
    expect(progress(events).at(-1)!.step).toBe(4);
    expect(events.filter((e) => e.event === 'checkpoint').at(-1)!.step).toBe(4);
  });

  it('resumes from a checkpoint with exactly the losses of an uninterrupted run', async () => {
    const straight = setup();
    await runTrainingLoop(straight.options);

    const first = setup({ steps: 3 });
    await runTrainingLoop(first.options);
    const second = setup();
    const restored = loadLatestCheckpoint(checkpointsFolder(first.runFolder))!;
    expect(restored.meta.step).toBe(3);
    second.trainer.restoreState(restored.tensors, restored.meta.counters);
    await runTrainingLoop({
      ...second.options,
      runFolder: first.runFolder,
      start: {
        step: 3,
        learningRateScale: restored.meta.learningRateScale,
        rollbacks: restored.meta.rollbacks,
      },
    });
    expect(lossesOf(second.events)).toEqual(lossesOf(straight.events).slice(3));
    expect(readMetrics(first.runFolder).map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rolls back to the last checkpoint with lower learning rates, then gives up after the limit', async () => {
    const { events, trainer, options, runFolder } = setup({ steps: 8, maxRollbacks: 2 });
    // A trainer whose step 5 (and, after rollbacks, every step 5) produces a non-finite loss.
    const faulty: GanTrainer = {
      imagesPerStep: trainer.imagesPerStep,
      trainStep: async (done, scale) => {
        const metrics: StepMetrics = await trainer.trainStep(done, scale);
        return done === 4 ? { ...metrics, gLoss: Number.NaN } : metrics;
      },
      stateTensors: () => trainer.stateTensors(),
      stateCounters: () => trainer.stateCounters(),
      restoreState: (tensors, counters) => trainer.restoreState(tensors, counters),
      renderPreview: () => trainer.renderPreview(),
      dispose: () => {},
    };
    const result = await runTrainingLoop({ ...options, trainer: faulty });
    const warnings = events.filter((e) => e.event === 'warning');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ code: 'non-finite-loss' });
    expect((warnings[0] as { message: string }).message).toMatch(
      /gLoss=NaN.*rolled back to the checkpoint at step 4.*0\.5/,
    );
    expect((warnings[1] as { message: string }).message).toMatch(/0\.25/);
    expect(events.filter((e) => e.event === 'error')).toHaveLength(1);
    expect(result.outcome).toBe('failed');
    // The last good checkpoint is still there and verifies.
    expect(loadLatestCheckpoint(checkpointsFolder(runFolder))?.meta.step).toBe(4);
    expect(existsSync(join(runFolder, 'checkpoints', 'step-000000004.ckpt'))).toBe(true);
  });
});
