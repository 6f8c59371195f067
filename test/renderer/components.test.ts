import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SystemInfo, TrainingOptions } from '../../src-main/shared/studio-api';
import VirtualGridHarness from './VirtualGridHarness.svelte';
import ImportActivityList from '../../src-renderer/views/library/ImportActivityList.svelte';
import TrainPanel from '../../src-renderer/views/dataset/TrainPanel.svelte';
import { appContextMap } from '../../src-renderer/lib/app-context';
import { ImportFlow } from '../../src-renderer/lib/import-flow.svelte';
import { Router } from '../../src-renderer/lib/router.svelte';
import { StudioState } from '../../src-renderer/lib/studio-state.svelte';
import { FakeStudio } from './fake-studio';

const dcganPresets = [
  { id: 'quick', title: 'Quick', description: '32 px', imageSize: 32, steps: 2000, batchSize: 32 },
  { id: 'standard', title: 'Standard', description: '64 px', imageSize: 64, steps: 10000, batchSize: 32 },
  { id: 'detailed', title: 'Detailed', description: '128 px', imageSize: 128, steps: 20000, batchSize: 16 },
] as const;

const training: TrainingOptions = {
  models: [
    {
      id: 'dcgan',
      title: 'New images (DCGAN)',
      description: 'Learns to make images like the ones in a folder.',
      trainsOn: 'images',
      presets: [...dcganPresets],
      defaults: {
        steps: 5000,
        batchSize: 32,
        learningRateG: 2e-4,
        learningRateD: 2e-4,
        augment: true,
        emaDecay: 0.999,
      },
    },
    {
      id: 'pix2pix',
      title: 'Translate matched pairs (pix2pix)',
      description: 'Learns to turn each A image into its B partner.',
      trainsOn: 'paired',
      presets: [
        { id: 'quick', title: 'Quick', description: '64 px', imageSize: 64, steps: 2000, batchSize: 4 },
      ],
      defaults: { steps: 5000, batchSize: 4, learningRateG: 2e-4, learningRateD: 2e-4 },
    },
  ],
};

function app(answers: ConstructorParameters<typeof FakeStudio>[0] = {}) {
  const client = new FakeStudio({
    'system.info': () =>
      ({
        training,
        backend: { name: 'wasm', notUsed: {}, versions: { tfjs: '4.22.0', node: '20' }, threads: 1 },
      }) as unknown as SystemInfo,
    'datasets.list': () => [],
    'runs.list': () => [],
    'jobs.list': () => [],
    ...answers,
  });
  const studio = new StudioState(client);
  const context = { studio, router: new Router(), importFlow: new ImportFlow(studio) };
  return { client, studio, context: appContextMap(context) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('components', () => {
  it('the thumbnail grid keeps only the visible cells in the page, even for 10,000 images', () => {
    render(VirtualGridHarness, { props: { count: 10_000 } });
    const cells = screen.getAllByRole('gridcell');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(100);
    expect(screen.getByRole('grid', { name: 'Test grid' }).getAttribute('aria-rowcount')).toBe('10000');
  });

  it('import progress shows a bar while working and a summary with skipped files when done', async () => {
    const { client, studio, context } = app({ 'datasets.import': () => ({ jobId: 'j1', name: 'cats' }) });
    render(ImportActivityList, { context });
    await studio.importFrom(
      { title: 'cats', source: async () => ({ kind: 'paths', paths: ['/x'] }) },
      { title: 'cats', size: 64, fit: 'crop' },
    );
    client.emit({
      jobId: 'j1',
      kind: 'import',
      target: 'cats',
      event: { event: 'progress', phase: 'decoding', done: 3, total: 10 },
    });
    await settle();
    expect(screen.getByRole('progressbar', { name: 'Reading images cats' }).getAttribute('value')).toBe('3');
    client.emit({
      jobId: 'j1',
      kind: 'import',
      target: 'cats',
      event: {
        event: 'done',
        dataset: 'cats',
        imported: 8,
        skipped: 1,
        duplicates: 1,
        skippedFiles: [{ path: 'bad.jpg', reason: 'truncated or corrupt JPEG data' }],
      },
    });
    await settle();
    const summary = screen.getByRole('article', { name: 'Import of cats' });
    expect(summary.textContent).toContain('8 images imported, 1 duplicates dropped');
    expect(summary.textContent).toContain('bad.jpg: truncated or corrupt JPEG data');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('article', { name: 'Import of cats' })).toBeNull();
  });

  it('the train panel offers only presets the dataset can feed and starts the chosen one', async () => {
    const { client, context } = app({ 'runs.start': () => ({ jobId: 'j2', name: 'cats-standard' }) });
    render(TrainPanel, {
      context,
      props: {
        dataset: {
          id: 'cats',
          name: 'cats',
          imageSize: 64,
          count: 300,
          labels: [],
          skipped: 0,
          duplicates: 0,
          createdAt: '',
        },
      },
    });
    await settle();
    await settle();
    expect((screen.getByRole('radio', { name: /Detailed/ }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('radio', { name: /Standard/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /Quick/ }) as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByLabelText('Steps') as HTMLInputElement).value).toBe('10000');
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    await settle();
    const start = client.calls.find((c) => c.channel === 'runs.start');
    expect(start?.request).toMatchObject({
      dataset: 'cats',
      title: 'cats-standard',
      preset: 'standard',
      advanced: { steps: 10000, batchSize: 32 },
    });
    expect(location.hash).toBe('#/run/cats-standard');
  });

  it('the train panel offers translation models for a paired dataset', async () => {
    const { client, context } = app({
      'runs.start': () => ({ jobId: 'j3', name: 'day-night-pix2pix-quick' }),
    });
    render(TrainPanel, {
      context,
      props: {
        dataset: {
          id: 'dn',
          name: 'day-night',
          imageSize: 64,
          count: 40,
          kind: 'paired',
          heldOut: 4,
          labels: [],
          skipped: 0,
          duplicates: 0,
          createdAt: '',
        },
      },
    });
    await settle();
    await settle();
    expect(screen.getByText('Learns to turn each A image into its B partner.')).toBeTruthy();
    expect(screen.queryByLabelText(/Augmentation/)).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    await settle();
    expect(client.calls.find((c) => c.channel === 'runs.start')?.request).toMatchObject({
      model: 'pix2pix',
      dataset: 'day-night',
      preset: 'quick',
    });
  });
});
