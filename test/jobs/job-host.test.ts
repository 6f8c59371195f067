import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNewRun } from '../../src-main/jobs/create-run';
import { defaultWasmThreads } from '../../src-main/engine/backends/wasm-thread-count';
import { startJob } from '../../src-main/jobs/job-host';
import { createNodeEngineWorker } from '../../src-main/jobs/node-worker';
import { importSources } from '../../src-main/library/import/import-folder';
import { readRunMeta } from '../../src-main/library/runs';
import type { JobEvent } from '../../src-main/shared/job-events';
import { makeShapeFolder } from '../fixtures/shape-folder';
import { tempFolder } from '../fixtures/temp-folders';

const inlineWorker = (code: string) => () => new Worker(code, { eval: true });

describe('job host', () => {
  it('turns a worker that throws into an error event and a failed result', async () => {
    const events: JobEvent[] = [];
    const job = startJob(
      { kind: 'probe', home: tmpdir() },
      (e) => events.push(e),
      inlineWorker('throw new Error("boom")'),
    );
    expect(await job.done).toEqual({ ok: false });
    expect(events).toEqual([{ event: 'error', message: 'the engine worker crashed: boom' }]);
  });

  it('turns a worker that exits mid-job into an error event', async () => {
    const events: JobEvent[] = [];
    const job = startJob(
      { kind: 'probe', home: tmpdir() },
      (e) => events.push(e),
      inlineWorker('process.exit(3)'),
    );
    expect(await job.done).toEqual({ ok: false });
    expect(events).toEqual([
      { event: 'error', message: 'the engine worker ended unexpectedly (exit code 3)' },
    ]);
  });

  it('probes the backend in a real engine worker', async () => {
    const events: JobEvent[] = [];
    const job = startJob(
      { kind: 'probe', home: tmpdir(), backend: 'wasm' },
      (e) => events.push(e),
      createNodeEngineWorker,
    );
    expect(await job.done).toEqual({ ok: true });
    expect(events[0]).toMatchObject({
      event: 'started',
      job: 'probe',
      backend: { name: 'wasm', threads: defaultWasmThreads() },
    });
  });

  describe('training in a real worker', () => {
    const home = tempFolder('jobs');
    beforeAll(async () => {
      const folder = tempFolder('jobs-images');
      await makeShapeFolder(folder, 8);
      await importSources({ sources: [folder], home, name: 'shapes', size: 32 });
    });

    it('pauses between steps, stays paused, resumes and finishes', async () => {
      const events: JobEvent[] = [];
      let pausedAt: number | undefined;
      createNewRun(home, 'paused-run', {
        dataset: 'shapes',
        model: 'dcgan',
        config: { steps: 8, batchSize: 4, progressEvery: 1, seed: 1 },
      });
      const job = startJob(
        { kind: 'train', home, run: 'paused-run', backend: 'wasm' },
        (event) => {
          events.push(event);
          if (event.event === 'progress' && 'step' in event && event.step === 2) job.pause();
          if (event.event === 'status' && event.status === 'paused') {
            pausedAt = events.length;
            expect(readRunMeta(home, 'paused-run').status).toBe('paused');
            setTimeout(() => job.resume(), 400);
          }
        },
        createNodeEngineWorker,
      );
      expect(await job.done).toEqual({ ok: true });
      // Nothing trained while paused: the event after the pause is the resume, at the same step.
      expect(events[pausedAt! - 1]).toMatchObject({ event: 'status', status: 'paused' });
      expect(events[pausedAt!]).toEqual({
        event: 'status',
        status: 'running',
        step: (events[pausedAt! - 1] as { step: number }).step,
      });
      expect((events[pausedAt! - 1] as { step: number }).step).toBeLessThanOrEqual(3);
      expect(events.at(-1)).toEqual({ event: 'done', run: 'paused-run', status: 'completed', step: 8 });
      expect(readRunMeta(home, 'paused-run')).toMatchObject({
        status: 'completed',
        step: 8,
        checkpointStep: 8,
        backend: 'wasm',
      });
    });

    it('refuses a second writer on a run that is training', async () => {
      let training: () => void = () => {};
      const firstIsTraining = new Promise<void>((resolve) => (training = resolve));
      createNewRun(home, 'locked-run', {
        dataset: 'shapes',
        model: 'dcgan',
        config: { steps: 500, batchSize: 4, progressEvery: 1 },
      });
      const first = startJob(
        { kind: 'train', home, run: 'locked-run' },
        (event) => event.event === 'progress' && training(),
        createNodeEngineWorker,
      );
      const events: JobEvent[] = [];
      await firstIsTraining;
      const second = startJob(
        { kind: 'train', home, run: 'locked-run' },
        (e) => events.push(e),
        createNodeEngineWorker,
      );
      expect(await second.done).toEqual({ ok: false });
      expect(events.find((e) => e.event === 'error')).toMatchObject({
        message: expect.stringMatching(/already being trained/),
      });
      first.stop();
      expect(await first.done).toEqual({ ok: true });
      expect(readRunMeta(home, 'locked-run').status).toBe('stopped');
    });

    it('refuses a bad config, or a size the dataset cannot feed, before making the run', () => {
      expect(() =>
        createNewRun(home, 'bad-config', { dataset: 'shapes', model: 'dcgan', config: { batchSize: 0 } }),
      ).toThrow(/batchSize/);
      expect(() =>
        createNewRun(home, 'too-big', { dataset: 'shapes', model: 'dcgan', config: { imageSize: 64 } }),
      ).toThrow(/32 px images, which can't train at 64 px/);
      expect(() => readRunMeta(home, 'bad-config')).toThrow(/no run named bad-config/);
      expect(() => readRunMeta(home, 'too-big')).toThrow(/no run named too-big/);
    });

    it('reports a failure inside the worker as an error event and a failed result', async () => {
      const events: JobEvent[] = [];
      const job = startJob(
        { kind: 'train', home, run: 'never-made' },
        (e) => events.push(e),
        createNodeEngineWorker,
      );
      expect(await job.done).toEqual({ ok: false });
      expect(events.at(-1)).toMatchObject({
        event: 'error',
        message: expect.stringMatching(/no run named never-made/),
      });
    });
  });
});
