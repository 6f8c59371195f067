import { describe, expect, it } from 'vitest';
import type { RunDetails } from '../../src-main/shared/studio-api';
import { RunDashboard } from '../../src-renderer/views/training/run-dashboard.svelte';
import { FakeStudio } from './fake-studio';

const details = (): RunDetails => ({
  meta: {
    formatVersion: 1,
    name: 'cats-1',
    model: 'dcgan',
    dataset: 'cats',
    datasetHash: 'h',
    status: 'running',
    step: 20,
    totalSteps: 100,
    checkpointStep: 0,
    createdAt: '',
    updatedAt: '',
    backend: 'wasm',
    error: null,
  },
  metrics: [
    {
      step: 10,
      time: '',
      dLoss: 1.3,
      gLoss: 0.7,
      dReal: 0.5,
      dFake: 0.5,
      imgPerSec: 40,
      learningRateScale: 1,
    },
    {
      step: 20,
      time: '',
      dLoss: 1.2,
      gLoss: 0.8,
      dReal: 0.6,
      dFake: 0.4,
      imgPerSec: 41,
      learningRateScale: 1,
    },
  ],
  previews: [{ step: 10, media: 'runs/cats-1/previews/step-000000010.png' }],
  jobId: 'job-1',
  imageSize: 32,
  translation: null,
});

const progress = (step: number) => ({
  event: 'progress' as const,
  step,
  totalSteps: 100,
  dLoss: 1.1,
  gLoss: 0.9,
  dReal: 0.7,
  dFake: 0.3,
  imgPerSec: 42,
  etaSeconds: 50,
  learningRateScale: 1,
});

describe('training dashboard state', () => {
  it('loads the run, then follows its events live', async () => {
    const studio = new FakeStudio({ 'runs.get': () => details() });
    const dashboard = new RunDashboard(studio, 'cats-1');
    await dashboard.open();
    expect(dashboard.chartData).toEqual([
      [10, 20],
      [1.3, 1.2],
      [0.7, 0.8],
    ]);

    studio.emit({ jobId: 'job-1', kind: 'train', target: 'cats-1', event: progress(30) });
    expect(dashboard.meta?.step).toBe(30);
    expect(dashboard.chartData[0]).toEqual([10, 20, 30]);
    expect(dashboard.scoreData[1]).toEqual([0.5, 0.6, 0.7]);
    expect(dashboard.live).toEqual({ imgPerSec: 42, etaSeconds: 50 });

    studio.emit({
      jobId: 'job-1',
      kind: 'train',
      target: 'cats-1',
      event: { event: 'status', status: 'paused', step: 30 },
    });
    expect(dashboard.meta?.status).toBe('paused');
  });

  it('says which checkpoint an interrupted run continues from, and only when it got past it', async () => {
    const interrupted = (step: number, checkpointStep: number) => {
      const run = details();
      return { ...run, meta: { ...run.meta, status: 'interrupted' as const, step, checkpointStep } };
    };
    const behind = new RunDashboard(new FakeStudio({ 'runs.get': () => interrupted(540, 500) }), 'cats-1');
    await behind.open();
    expect(behind.continuesFrom).toBe(500);
    const atCheckpoint = new RunDashboard(
      new FakeStudio({ 'runs.get': () => interrupted(500, 500) }),
      'cats-1',
    );
    await atCheckpoint.open();
    expect(atCheckpoint.continuesFrom).toBeNull();
    const running = new RunDashboard(new FakeStudio({ 'runs.get': () => details() }), 'cats-1');
    await running.open();
    expect(running.continuesFrom).toBeNull();
  });

  it('ignores other runs and turns warnings into advice', async () => {
    const studio = new FakeStudio({ 'runs.get': () => details() });
    const dashboard = new RunDashboard(studio, 'cats-1');
    await dashboard.open();
    studio.emit({ jobId: 'job-2', kind: 'train', target: 'dogs-1', event: progress(99) });
    expect(dashboard.meta?.step).toBe(20);
    studio.emit({
      jobId: 'job-1',
      kind: 'train',
      target: 'cats-1',
      event: { event: 'warning', code: 'non-finite-loss', message: 'losses became non-finite at step 31' },
    });
    expect(dashboard.warnings).toHaveLength(1);
    expect(dashboard.warnings[0]!.advice).toMatch(/lower both learning rates/);
  });

  it('sends pause, resume and stop for its run and shows a refusal as an error', async () => {
    const studio = new FakeStudio({
      'runs.get': () => details(),
      'runs.pause': () => null,
      'runs.stop': () => {
        throw new Error('run cats-1 is not training');
      },
    });
    const dashboard = new RunDashboard(studio, 'cats-1');
    await dashboard.open();
    await dashboard.pause();
    await dashboard.stop();
    expect(studio.calls.map((c) => [c.channel, c.request])).toContainEqual([
      'runs.pause',
      { name: 'cats-1' },
    ]);
    expect(dashboard.error).toBe('run cats-1 is not training');
    dashboard.close();
  });
});
