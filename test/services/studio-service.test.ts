import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngineWorker } from '../../src-main/jobs/node-worker';
import { readRunMeta } from '../../src-main/library/runs';
import { resolveMedia } from '../../src-main/services/media';
import { createStudioServices, type StudioServices } from '../../src-main/services/studio-service';
import type { StudioEvent } from '../../src-main/shared/studio-api';
import { makeShapeFolder } from '../fixtures/shape-folder';
import { tempFolder } from '../fixtures/temp-folders';

/*
 * The services behind both transports, with real workers: what the app does when a person imports a folder,
 * trains, and browses and exports the results.
 */

const home = tempFolder('services');
let services: StudioServices;
const events: StudioEvent[] = [];

function until(predicate: (event: StudioEvent) => boolean): Promise<StudioEvent> {
  return new Promise((resolve) => {
    const found = events.find(predicate);
    if (found) return resolve(found);
    const unsubscribe = services.jobs.subscribe((event) => {
      if (predicate(event)) {
        unsubscribe();
        resolve(event);
      }
    });
  });
}

/** The services over `home`, their events collected in `events`. */
function createServices(): StudioServices {
  const created = createStudioServices({
    home,
    host: 'web',
    appVersion: 'test',
    versions: {},
    createWorker: createNodeEngineWorker,
  });
  created.jobs.subscribe((event) => events.push(event));
  return created;
}

/** A run on the imported shapes that trains long enough to be caught mid-run. */
function startLongRun(title: string): Promise<{ jobId: string; name: string }> {
  return services.handlers['runs.start']({
    model: 'dcgan',
    dataset: 'My-shapes',
    title,
    preset: 'quick',
    advanced: { steps: 400, batchSize: 4, seed: 1 },
  });
}

describe('studio services', () => {
  beforeAll(async () => {
    services = createServices();
    const folder = tempFolder('services-images');
    await makeShapeFolder(folder, 16);
    const { handlers } = services;
    const { jobId, name } = await handlers['datasets.import']({
      title: 'My shapes!',
      size: 32,
      fit: 'crop',
      source: { kind: 'paths', paths: [folder] },
    });
    expect(name).toBe('My-shapes');
    await until((e) => e.jobId === jobId && e.event.event === 'done');
  });
  afterAll(() => services.shutdown());

  it('describes the engine, its presets and defaults', async () => {
    const info = await services.handlers['system.info'](null);
    expect(info.backend.name).toBe('wasm');
    expect(info.training.models.map((m) => m.id)).toEqual(['dcgan', 'pix2pix', 'cyclegan']);
    const dcgan = info.training.models[0]!;
    expect(dcgan.presets.map((p) => p.id)).toEqual(['quick', 'standard', 'detailed']);
    expect(dcgan.defaults.learningRateG).toBe(2e-4);
  });

  it('lists the imported dataset with thumbnails the media route serves', async () => {
    const [dataset] = await services.handlers['datasets.list'](null);
    expect(dataset).toMatchObject({ name: 'My-shapes', count: 16, labels: ['circles', 'squares'] });
    expect(dataset!.thumbnails).toHaveLength(4);
    expect(resolveMedia(home, dataset!.thumbnails[0]!)).toMatchObject({
      kind: 'dataset-image',
      dataset: 'My-shapes',
      index: 0,
    });
    const details = await services.handlers['datasets.get']({ name: 'My-shapes' });
    expect(details.items).toHaveLength(16);
    expect(details.items[3]!.label).not.toBeNull();
  });

  it('trains from a preset, reports progress, and leaves a run the dashboard can read', async () => {
    const { jobId, name } = await services.handlers['runs.start']({
      model: 'dcgan',
      dataset: 'My-shapes',
      title: 'first run',
      preset: 'quick',
      advanced: { steps: 6, batchSize: 4, seed: 5 },
    });
    expect(name).toBe('first-run');
    expect((await services.handlers['jobs.list'](null)).map((j) => j.target)).toContain('first-run');
    const done = await until((e) => e.jobId === jobId && e.event.event === 'done');
    expect(done.event).toMatchObject({ status: 'completed', step: 6 });
    expect(events.some((e) => e.jobId === jobId && e.event.event === 'progress')).toBe(true);
    const details = await services.handlers['runs.get']({ name });
    expect(details.meta).toMatchObject({ status: 'completed', step: 6, checkpointStep: 6 });
    expect(details.metrics.length).toBeGreaterThan(0);
    expect(details.previews.map((p) => p.step)).toEqual([6]);
    expect(resolveMedia(home, details.previews[0]!.media)).toMatchObject({ kind: 'file' });
    const [card] = await services.handlers['runs.list'](null);
    expect(card!.latestPreview).toBe(details.previews[0]!.media);
  });

  it('samples gallery images once per seed and truncation, and walks between two seeds', async () => {
    const images = await services.handlers['gallery.sample']({
      run: 'first-run',
      seeds: [0, 1, 2],
      truncation: 1,
    });
    expect(images.map((i) => i.seed)).toEqual([0, 1, 2]);
    for (const image of images) expect(resolveMedia(home, image.media)).toMatchObject({ kind: 'file' });
    const again = await services.handlers['gallery.sample']({ run: 'first-run', seeds: [2], truncation: 1 });
    expect(again[0]!.media).toBe(images[2]!.media);
    const { frames } = await services.handlers['gallery.interpolate']({
      run: 'first-run',
      from: 0,
      to: 1,
      frames: 5,
      truncation: 0.8,
    });
    expect(frames).toHaveLength(5);
  });

  it('exports PNGs, a contact sheet and animated loops', async () => {
    const folder = tempFolder('export');
    const pngs = await services.handlers['gallery.export']({
      run: 'first-run',
      kind: 'pngs',
      seeds: [3, 4],
      truncation: 1,
      upscale: 2,
      folder,
    });
    expect(pngs.files.map((f) => f.name)).toEqual(['first-run-step6-seed3.png', 'first-run-step6-seed4.png']);
    expect(await sharp(pngs.files[0]!.path).metadata()).toMatchObject({ width: 64, height: 64 });
    const grid = await services.handlers['gallery.export']({
      run: 'first-run',
      kind: 'grid',
      seeds: [1, 2, 3, 4],
      truncation: 1,
      upscale: 1,
      folder,
    });
    expect(await sharp(grid.files[0]!.path).metadata()).toMatchObject({ width: 70, height: 70 });
    for (const kind of ['gif', 'webp'] as const) {
      const loop = await services.handlers['gallery.export']({
        run: 'first-run',
        kind,
        seeds: [1, 2],
        truncation: 1,
        upscale: 1,
      });
      const file = loop.files[0]!;
      expect(file.media).toMatch(new RegExp(`^exports/.*\\.${kind}$`));
      expect(existsSync(file.path)).toBe(true);
      // There and back: 24 frames out, 22 back, so the loop never jumps.
      expect((await sharp(file.path, { pages: -1 }).metadata()).pages).toBe(46);
    }
    await expect(
      services.handlers['gallery.export']({
        run: 'first-run',
        kind: 'gif',
        seeds: [1],
        truncation: 1,
        upscale: 1,
      }),
    ).rejects.toThrow(/exactly two/);
  });

  it("exports a run's generator as a TensorFlow.js model, into a chosen folder or for download", async () => {
    const chosen = tempFolder('export-model');
    const desktop = await services.handlers['runs.exportModel']({ name: 'first-run', folder: chosen });
    expect(desktop.files.map((f) => f.path)).toEqual(
      ['weights.bin', 'model.json', 'README.md'].map((file) => join(chosen, 'first-run-model', file)),
    );
    expect(desktop.files.every((f) => f.media === null)).toBe(true);
    const web = await services.handlers['runs.exportModel']({ name: 'first-run' });
    for (const file of web.files) expect(resolveMedia(home, file.media!)).toMatchObject({ kind: 'file' });
    const json = JSON.parse(readFileSync(web.files[1]!.path, 'utf8'));
    expect(json.userDefinedMetadata).toMatchObject({ run: 'first-run', step: 6, imageSize: 32 });
    await expect(services.handlers['runs.exportModel']({ name: 'nope' })).rejects.toThrow(
      /no run named nope/,
    );
  });

  it('keeps favourites', async () => {
    expect(
      await services.handlers['gallery.setFavourite']({ run: 'first-run', seed: 9, favourite: true }),
    ).toEqual([9]);
    expect(
      await services.handlers['gallery.setFavourite']({ run: 'first-run', seed: 3, favourite: true }),
    ).toEqual([3, 9]);
    expect(
      await services.handlers['gallery.setFavourite']({ run: 'first-run', seed: 9, favourite: false }),
    ).toEqual([3]);
    expect(await services.handlers['gallery.favourites']({ run: 'first-run' })).toEqual([3]);
  });

  it('deletes runs and datasets into the trash, refuses while training, and undoes', async () => {
    const { handlers } = services;
    const { jobId } = await startLongRun('doomed');
    await until((e) => e.jobId === jobId && e.event.event === 'progress');
    await expect(handlers['runs.delete']({ name: 'doomed' })).rejects.toThrow(
      'run doomed is in use (train of doomed): stop it or let it finish first',
    );
    await expect(handlers['datasets.delete']({ name: 'My-shapes' })).rejects.toThrow(
      'dataset My-shapes is in use (train of doomed)',
    );
    await handlers['runs.stop']({ name: 'doomed' });
    await until((e) => e.jobId === jobId && e.event.event === 'done');

    // first-run has gallery images cached (the tests above); deleting it removes them and its sampler.
    expect(existsSync(join(home, 'cache', 'gallery', 'first-run'))).toBe(true);
    const run = await handlers['runs.delete']({ name: 'first-run' });
    expect(existsSync(join(home, 'cache', 'gallery', 'first-run'))).toBe(false);
    expect((await handlers['runs.list'](null)).map((r) => r.name)).toEqual(['doomed']);
    const dataset = await handlers['datasets.delete']({ name: 'My-shapes' });
    expect(dataset.usedBy).toEqual(['doomed']);
    expect(await handlers['datasets.list'](null)).toEqual([]);

    await handlers['trash.restore']({ id: dataset.id });
    await handlers['trash.restore']({ id: run.id });
    expect((await handlers['datasets.list'](null)).map((d) => d.name)).toEqual(['My-shapes']);
    const images = await handlers['gallery.sample']({ run: 'first-run', seeds: [0], truncation: 1 });
    expect(resolveMedia(home, images[0]!.media)).toMatchObject({ kind: 'file' });
  });

  it('carries on, when the services start again, a run that shutting down stopped (not one the user stopped)', async () => {
    const { jobId } = await startLongRun('carry on');
    await until((e) => e.jobId === jobId && e.event.event === 'checkpoint');
    await services.shutdown();
    const stopped = readRunMeta(home, 'carry-on');
    expect(stopped).toMatchObject({ status: 'stopped', continueOnStart: true });

    services = createServices();
    expect(await services.continueRunsStoppedAtShutdown()).toEqual(['carry-on']);
    const [job] = await services.handlers['jobs.list'](null);
    expect(job).toMatchObject({ kind: 'train', target: 'carry-on' });
    const later = await until(
      (e) =>
        e.jobId === job!.id &&
        e.event.event === 'progress' &&
        (e.event as { step: number }).step > stopped.step,
    );
    expect(later.event.event).toBe('progress');
    expect(readRunMeta(home, 'carry-on').continueOnStart).toBe(false);
    await services.handlers['runs.stop']({ name: 'carry-on' });
    await until((e) => e.jobId === job!.id && e.event.event === 'done');
    // Stopped by the user this time ('doomed' too, earlier): nothing to carry on.
    expect(await services.continueRunsStoppedAtShutdown()).toEqual([]);
  });

  it('gives clear errors for runs that are not training or do not exist', async () => {
    await expect(services.handlers['runs.pause']({ name: 'first-run' })).rejects.toThrow(/not training/);
    await expect(services.handlers['runs.get']({ name: 'nope' })).rejects.toThrow(/no run named nope/);
    await expect(
      services.handlers['gallery.sample']({ run: 'nope', seeds: [1], truncation: 1 }),
    ).rejects.toThrow(/no checkpoint|no run/);
  });
});
