import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTextChunks } from '../../src-main/engine/sampling/png';
import { readMetrics } from '../../src-main/engine/training/run-outputs';
import { addAnimatedGif, addBadFiles, makeShapeFolder } from '../fixtures/shape-folder';
import { readLayersModel } from '../helpers/read-layers-model';
import { finished, jsonEvents, runCli, startCli, waitForEvent } from '../helpers/run-cli';
import { useTestBackend } from '../helpers/test-backend';
import { tempFolder } from '../fixtures/temp-folders';

/*
 * The command line end to end, as a user runs it: a folder of images made here, imported, trained for a few
 * steps on the wasm backend, killed, resumed, interrupted, sampled.
 */

const home = tempFolder('cli-home');
const images = tempFolder('cli-images');
const trainArgs = (run: string, steps: number) => [
  'train',
  '--json',
  '--dataset',
  'shapes',
  '--run',
  run,
  '--steps',
  String(steps),
  '--batch',
  '8',
  '--seed',
  '3',
  '--progress-every',
  '1',
  '--preview-every',
  '6',
  '--checkpoint-every',
  '4',
];
type Event = Record<string, unknown> & { event: string };
const progressOf = (events: Event[]) => events.filter((e) => e.event === 'progress');
const lossesOf = (events: Event[]) =>
  progressOf(events).map((e) => [e.step, e.dLoss, e.gLoss, e.dReal, e.dFake]);

let straight: Event[] = [];

describe('gan-studio CLI', () => {
  beforeAll(async () => {
    await makeShapeFolder(images, 24);
    await addAnimatedGif(images);
    await addBadFiles(images);
  });

  it('imports a folder, lists each bad file with its reason, and imports the rest', async () => {
    const result = await runCli(['import', images, '--name', 'shapes', '--size', '32', '--json'], home);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const events = jsonEvents(result.stdout);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', dataset: 'shapes', imported: 25, skipped: 5, duplicates: 0 });
    const reasons = Object.fromEntries(
      (done.skippedFiles as { path: string; reason: string }[]).map((f) => [f.path, f.reason]),
    );
    expect(reasons['truncated.jpg']).toMatch(/truncated/);
    expect(reasons['empty.png']).toMatch(/empty/);
    expect(reasons['notes.png']).toMatch(/not an image/);
    expect(reasons['huge-header.png']).toMatch(/100000x100000.*megapixel/);
    expect(reasons['squares/loop']).toMatch(/symbolic link/);
    expect(events.some((e) => e.event === 'progress')).toBe(true);
  });

  it('trains with progress, previews and checkpoints on stdout as JSON lines only', async () => {
    const result = await runCli(trainArgs('straight', 12), home);
    expect(result.code).toBe(0);
    straight = jsonEvents(result.stdout);
    expect(straight[0]).toMatchObject({ event: 'started', job: 'train', backend: { name: 'wasm' } });
    expect(progressOf(straight).map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(straight.filter((e) => e.event === 'checkpoint').map((e) => e.step)).toEqual([0, 4, 8, 12]);
    const previews = straight.filter((e) => e.event === 'preview');
    expect(previews.map((e) => e.step)).toEqual([6, 12]);
    for (const preview of previews) expect(existsSync(preview.path as string)).toBe(true);
    expect(straight.at(-1)).toEqual({ event: 'done', run: 'straight', status: 'completed', step: 12 });
    for (const e of progressOf(straight))
      expect([e.dLoss, e.gLoss, e.dReal, e.dFake].every(Number.isFinite)).toBe(true);
  });

  it('trains bit for bit the same on one wasm thread as on two', async () => {
    const [one, two] = await Promise.all(
      [1, 2].map(async (threads) => {
        const result = await runCli(trainArgs(`threads-${threads}`, 6), home, {
          GAN_STUDIO_THREADS: String(threads),
        });
        expect(result.code).toBe(0);
        return jsonEvents(result.stdout);
      }),
    );
    expect(one![0]).toMatchObject({ event: 'started', backend: { name: 'wasm', threads: 1 } });
    expect(two![0]).toMatchObject({ event: 'started', backend: { name: 'wasm', threads: 2 } });
    expect(lossesOf(one!)).toHaveLength(6);
    expect(lossesOf(two!)).toEqual(lossesOf(one!));
    expect(lossesOf(one!)).toEqual(lossesOf(straight).slice(0, 6));
  });

  it('resumes a run killed with SIGKILL from its last checkpoint, with the same losses as an unbroken run', async () => {
    const child = startCli(trainArgs('killed', 12), home);
    const output = finished(child);
    await waitForEvent(child, (e) => e.event === 'checkpoint' && e.step === 8);
    child.kill('SIGKILL');
    expect((await output).signal).toBe('SIGKILL');

    const listed = jsonEvents((await runCli(['list', '--json'], home)).stdout)[0]!;
    expect((listed.runs as { name: string; status: string }[]).find((r) => r.name === 'killed')?.status).toBe(
      'interrupted',
    );

    const resumed = await runCli(['resume', '--run', 'killed', '--json'], home);
    expect(resumed.code).toBe(0);
    const events = jsonEvents(resumed.stdout);
    const firstStep = progressOf(events)[0]!.step as number;
    expect(firstStep).toBeGreaterThan(8);
    expect(lossesOf(events)).toEqual(lossesOf(straight).slice(firstStep - 1));
    expect(readMetrics(join(home, 'runs', 'killed')).map((m) => m.step)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('survives SIGKILL at arbitrary moments without a corrupt checkpoint', async () => {
    for (const delay of [150, 700, 1300]) {
      const run = `chaos-${delay}`;
      const child = startCli(trainArgs(run, 24), home);
      const output = finished(child);
      await waitForEvent(child, (e) => e.event === 'progress');
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await output;
      const resumed = await runCli(['resume', '--run', run, '--steps', '28', '--json'], home);
      expect(resumed.stderr).not.toMatch(/damaged|corrupt/);
      expect(resumed.code).toBe(0);
      expect(jsonEvents(resumed.stdout).at(-1)).toMatchObject({
        event: 'done',
        status: 'completed',
        step: 28,
      });
    }
  });

  it('writes a checkpoint and exits on Ctrl-C', async () => {
    const child = startCli(trainArgs('interrupted', 1000), home);
    const output = finished(child);
    await waitForEvent(child, (e) => e.event === 'progress' && (e.step as number) >= 3);
    child.kill('SIGINT');
    const result = await output;
    expect(result.code).toBe(130);
    const events = jsonEvents(result.stdout);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', status: 'stopped' });
    expect(events.filter((e) => e.event === 'checkpoint').at(-1)!.step).toBe(done.step);
    const listed = jsonEvents((await runCli(['list', '--json'], home)).stdout)[0]!;
    expect(
      (listed.runs as { name: string; status: string }[]).find((r) => r.name === 'interrupted')?.status,
    ).toBe('stopped');
  });

  it('samples byte-identical PNGs for the same seeds, with seed, run and step in their text', async () => {
    const outA = tempFolder('sample');
    const outB = tempFolder('sample');
    const a = await runCli(['sample', '--run', 'straight', '--seeds', '1-4', '--out', outA, '--json'], home);
    const b = await runCli(['sample', '--run', 'straight', '--seeds', '3', '--out', outB], home);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const files = jsonEvents(a.stdout).at(-1)!.files as string[];
    expect(files).toHaveLength(4);
    const first = readFileSync(join(outA, 'straight-step12-seed3.png'));
    expect(first.equals(readFileSync(join(outB, 'straight-step12-seed3.png')))).toBe(true);
    expect(readTextChunks(first)).toMatchObject({
      'gan-studio:seed': '3',
      'gan-studio:run': 'straight',
      'gan-studio:step': '12',
    });
    expect(await sharp(first).metadata()).toMatchObject({ width: 32, height: 32 });

    const grid = await runCli(
      [
        'sample',
        '--run',
        'straight',
        '--seeds',
        '1-4',
        '--out',
        outA,
        '--grid',
        '--upscale',
        '2',
        '--truncation',
        '0.7',
      ],
      home,
    );
    expect(grid.code).toBe(0);
    const gridFile = grid.stdout.trim().split('\n').at(-1)!;
    expect(await sharp(gridFile).metadata()).toMatchObject({
      width: 2 * (2 * 32 + 3 * 2),
      height: 2 * (2 * 32 + 3 * 2),
    });
  });

  it("exports a run as a TensorFlow.js model that makes images of the run's size", async () => {
    const out = join(tempFolder('cli-export'), 'model');
    const result = await runCli(['export-model', '--run', 'straight', '--out', out, '--json'], home);
    expect(result.code).toBe(0);
    const done = jsonEvents(result.stdout).at(-1)!;
    expect(done).toEqual({
      event: 'done',
      files: ['weights.bin', 'model.json', 'README.md'].map((f) => join(out, f)),
    });
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(json.userDefinedMetadata).toMatchObject({ run: 'straight', model: 'dcgan', imageSize: 32 });
    const latentSize = json.userDefinedMetadata.latentSize as number;
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain(`tf.randomNormal([1, ${latentSize}])`);
    await useTestBackend();
    const model = await readLayersModel(out);
    const images = model.predict(tf.randomNormal([2, latentSize])) as tf.Tensor4D;
    expect(images.shape).toEqual([2, 32, 32, 3]);
    const [low, high] = [(await images.min().data())[0]!, (await images.max().data())[0]!];
    expect(low).toBeGreaterThanOrEqual(-1);
    expect(high).toBeLessThanOrEqual(1);
    expect(high - low).toBeGreaterThan(0.01);
    tf.dispose([images]);
    model.dispose();

    const missing = await runCli(['export-model', '--run', 'nope', '--out', out], home);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no run named nope/);
  });

  it('names a bad argument, explains a failure in one line, and exits non-zero', async () => {
    const badSteps = await runCli(['train', '--dataset', 'shapes', '--run', 'x', '--steps', 'ten'], home);
    expect(badSteps.code).toBe(2);
    expect(badSteps.stderr).toMatch(/--steps/);
    const badSeeds = await runCli(['sample', '--run', 'straight', '--seeds', '9-2', '--out', home], home);
    expect(badSeeds.code).toBe(2);
    expect(badSeeds.stderr).toMatch(/--seeds.*backwards/);
    const noDataset = await runCli(['train', '--dataset', 'nope', '--run', 'y'], home);
    expect(noDataset.code).toBe(1);
    expect(noDataset.stderr.trim().split('\n')).toHaveLength(1);
    expect(noDataset.stderr).toMatch(/no dataset named "?nope"?/);
    const forced = await runCli(['doctor'], home, { GAN_STUDIO_BACKEND: 'node' });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/GAN_STUDIO_BACKEND=node.*tfjs-node/);
  });

  it('deletes a run or a dataset into the trash and restores it', async () => {
    const runsIn = async () => {
      const listed = jsonEvents((await runCli(['list', '--json'], home)).stdout).at(-1)!;
      return (listed.runs as { name: string }[]).map((run) => run.name).sort();
    };
    const before = await runsIn();
    expect(before).toContain('straight');
    const deleted = await runCli(['delete', '--run', 'straight', '--json'], home);
    expect(deleted.code).toBe(0);
    const item = jsonEvents(deleted.stdout).at(-1)!;
    expect(item).toMatchObject({ event: 'deleted', kind: 'run', name: 'straight' });
    expect(await runsIn()).toEqual(before.filter((name) => name !== 'straight'));
    expect((await runCli(['list'], home)).stdout).toContain(`  ${String(item.id)}  run straight, deleted `);
    const restored = await runCli(['restore', String(item.id)], home);
    expect(restored.stdout.trim()).toBe('restored run straight');
    expect(await runsIn()).toEqual(before);

    const dataset = await runCli(['delete', '--dataset', 'shapes'], home);
    expect(dataset.stdout).toMatch(
      /^moved dataset shapes to the trash; undo with: gan-studio restore (\S+)$/m,
    );
    expect(dataset.stdout).toContain(
      `runs made from it can't train further until it is restored: ${before.join(', ')}`,
    );
    const id = /restore (\S+)/.exec(dataset.stdout)![1]!;
    expect((await runCli(['restore', id], home)).code).toBe(0);

    const neither = await runCli(['delete'], home);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toBe('gan-studio: delete takes one of --run NAME or --dataset NAME\n');
    expect((await runCli(['restore', id], home)).stderr).toBe(
      `gan-studio: nothing in the trash has the id ${id}\n`,
    );
  });

  it('doctor reports the backend in use and why native TensorFlow is not', async () => {
    const result = await runCli(['doctor'], home);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wasm/i);
    expect(result.stdout).toMatch(/tfjs-node/);
    expect(result.stdout).toContain(home);
  });
});
