import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateTranslation, scoreImages } from '../../src-main/engine/translation/evaluate-translation';
import { readTextChunks } from '../../src-main/engine/sampling/png';
import { readDatasetManifest } from '../../src-main/library/datasets';
import { openPairedPixelCaches } from '../../src-main/library/paired-pixel-caches';
import { loadRunTranslator } from '../../src-main/jobs/run-translator';
import { sceneSvg, sceneLayout, writeDayNightFolders } from '../fixtures/day-night-scenes';
import { finished, jsonEvents, runCli, startCli, waitForEvent } from '../helpers/run-cli';
import { useTestBackend } from '../helpers/test-backend';
import { tempFolder } from '../fixtures/temp-folders';

/*
 * Day to night from the command line, as a user does it: pair two folders, train pix2pix a few steps (killed
 * and resumed on the way), translate photos of any size, measure on the held-out pairs; and CycleGAN on two
 * plain folders, translating back the other way.
 */

const home = tempFolder('translate-home');
const data = tempFolder('translate-data');
type Event = Record<string, unknown> & { event: string };
const ofKind = (events: Event[], kind: string) => events.filter((e) => e.event === kind);
const lossesOf = (events: Event[]) => ofKind(events, 'progress').map((e) => [e.step, e.dLoss, e.gLoss, e.l1]);
const trainArgs = (run: string) => [
  'train',
  '--json',
  '--model',
  'pix2pix',
  '--dataset',
  'dn',
  '--run',
  run,
  '--steps',
  '6',
  '--batch',
  '2',
  '--seed',
  '4',
  '--progress-every',
  '1',
  '--preview-every',
  '3',
  '--checkpoint-every',
  '3',
];
const translate = (run: string, input: string, out: string, ...more: string[]) =>
  runCli(['translate', '--run', run, '--in', input, '--out', out, ...more], home);
let folders: { day: string; night: string };
let straight: Event[] = [];

describe('gan-studio day to night', () => {
  beforeAll(async () => {
    folders = await writeDayNightFolders(data, 16, 80);
    writeFileSync(join(folders.day, 'no-partner.png'), readFileSync(join(folders.day, 'scene-000.png')));
    // Photos to translate: odd sizes, one of them in a folder next to a file that isn't a picture.
    const photo = (i: number, width: number, height: number) =>
      sharp(Buffer.from(sceneSvg(sceneLayout(i), 'day', 200)))
        .resize(width, height, { fit: 'fill' })
        .jpeg()
        .toBuffer();
    writeFileSync(join(data, 'street.jpg'), await photo(30, 150, 97));
    const album = join(data, 'album');
    mkdirSync(album);
    await sharp(await photo(31, 300, 200)).toFile(join(album, 'wide.png'));
    writeFileSync(join(album, 'tiny.jpg'), await photo(32, 40, 30));
    writeFileSync(join(album, 'readme.txt'), 'not a photo');
  });

  it('imports two folders as pairs, listing the file without a partner and holding pairs out', async () => {
    const result = await runCli(
      [
        'import-pairs',
        folders.day,
        folders.night,
        '--name',
        'dn',
        '--size',
        '64',
        '--held-out',
        '0.25',
        '--json',
      ],
      home,
    );
    expect(result.code).toBe(0);
    const done = jsonEvents(result.stdout).at(-1)!;
    expect(done).toMatchObject({ event: 'done', dataset: 'dn', imported: 16, skipped: 0, heldOut: 4 });
    expect(done.unpartnered).toEqual([
      { path: 'no-partner.png', side: 'a', reason: 'no file named no-partner.* on side B' },
    ]);
    const listed = jsonEvents((await runCli(['list', '--json'], home)).stdout)[0]!;
    expect((listed.datasets as { name: string; kind: string }[]).find((d) => d.name === 'dn')?.kind).toBe(
      'paired',
    );
  });

  it('trains pix2pix with L1 in its progress, input | output | target previews and held-out scores', async () => {
    const result = await runCli(trainArgs('p2p'), home);
    expect(result.code).toBe(0);
    straight = jsonEvents(result.stdout);
    expect(ofKind(straight, 'progress').map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const e of ofKind(straight, 'progress'))
      expect([e.dLoss, e.gLoss, e.l1].every(Number.isFinite)).toBe(true);
    const previews = ofKind(straight, 'preview');
    expect(previews.map((e) => e.step)).toEqual([3, 6]);
    expect(await sharp(previews[1]!.path as string).metadata()).toMatchObject({
      width: 3 * 64 + 4 * 2,
      height: 4 * 64 + 5 * 2,
    });
    const evals = ofKind(straight, 'eval');
    expect(evals.map((e) => e.step)).toEqual([3, 6]);
    expect(evals[1]).toMatchObject({ run: 'p2p', dataset: 'dn', direction: 'a2b', pairs: 4 });
    expect(existsSync(join(home, 'runs', 'p2p', 'eval.jsonl'))).toBe(true);
    expect(straight.at(-1)).toEqual({ event: 'done', run: 'p2p', status: 'completed', step: 6 });
  });

  it('resumes a killed pix2pix run with exactly the losses of the unbroken one', async () => {
    const child = startCli(trainArgs('p2p-killed'), home);
    const output = finished(child);
    await waitForEvent(child, (e) => e.event === 'checkpoint' && e.step === 3);
    child.kill('SIGKILL');
    await output;
    const resumed = await runCli(['resume', '--run', 'p2p-killed', '--json'], home);
    expect(resumed.code).toBe(0);
    const events = jsonEvents(resumed.stdout);
    const first = ofKind(events, 'progress')[0]!.step as number;
    expect(lossesOf(events)).toEqual(lossesOf(straight).slice(first - 1));
    const history = readFileSync(join(home, 'runs', 'p2p-killed', 'eval.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(history.map((line) => JSON.parse(line).step)).toEqual([3, 6]);
  });

  it('translates a photo of any size to a PNG of the same size, with its origin in the text', async () => {
    const out = join(data, 'out-one');
    const result = await translate('p2p', join(data, 'street.jpg'), out, '--json');
    expect(result.code).toBe(0);
    const events = jsonEvents(result.stdout);
    expect(ofKind(events, 'progress')).toHaveLength(1);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', files: [join(out, 'street-a2b.png')], skippedFiles: [] });
    const png = readFileSync(join(out, 'street-a2b.png'));
    expect(await sharp(png).metadata()).toMatchObject({ width: 150, height: 97, format: 'png' });
    expect(readTextChunks(png)).toMatchObject({
      'gan-studio:run': 'p2p',
      'gan-studio:step': '6',
      'gan-studio:direction': 'a2b',
      'gan-studio:source': 'street.jpg',
    });
  });

  it('translates a folder with progress, passing over what is not a photo', async () => {
    const out = join(data, 'out-album');
    const result = await translate('p2p', join(data, 'album'), out, '--json');
    expect(result.code).toBe(0);
    const events = jsonEvents(result.stdout);
    // One progress event per file, the skipped one (readme.txt, first by name) without an output.
    expect(ofKind(events, 'progress').map((e) => [e.done, e.total, e.output !== undefined])).toEqual([
      [1, 3, false],
      [2, 3, true],
      [3, 3, true],
    ]);
    expect(ofKind(events, 'warning')[0]).toMatchObject({ code: 'input-skipped' });
    expect(readdirSync(out).sort()).toEqual(['tiny-a2b.png', 'wide-a2b.png']);
    expect(await sharp(join(out, 'wide-a2b.png')).metadata()).toMatchObject({ width: 300, height: 200 });
    expect(await sharp(join(out, 'tiny-a2b.png')).metadata()).toMatchObject({ width: 40, height: 30 });
  });

  it('measures the run on the held-out pairs beside both baselines, with the right numbers', async () => {
    const result = await runCli(['eval', '--run', 'p2p', '--json'], home);
    expect(result.code).toBe(0);
    const events = jsonEvents(result.stdout);
    const evaluation = ofKind(events, 'eval');
    expect(evaluation).toHaveLength(1);
    const reported = evaluation[0]!;
    expect(reported).toMatchObject({ run: 'p2p', step: 6, dataset: 'dn', pairs: 4, direction: 'a2b' });
    for (const who of ['model', 'identity', 'colorTransform']) {
      expect(Object.keys(reported[who] as object).sort()).toEqual(['l1', 'psnr', 'ssim']);
    }
    // The same numbers computed here, in this process, from the dataset and the checkpoint.
    await useTestBackend();
    const manifest = readDatasetManifest(home, 'dn');
    const pairs = openPairedPixelCaches(home, manifest);
    const { translator } = loadRunTranslator(home, 'p2p', 'a2b');
    const expected = await evaluateTranslation(translator, pairs, 'a2b');
    translator.dispose();
    const heldOut = pairs.heldOutIndices;
    expect(reported.identity).toEqual(
      scoreImages(pairs.a.readImages(heldOut), pairs.b.readImages(heldOut), 4, 64),
    );
    pairs.close();
    expect(reported.model).toEqual(expected.model);
    expect(reported.colorTransform).toEqual(expected.colorTransform);

    const human = await runCli(['eval', '--run', 'p2p'], home);
    expect(human.stdout).toMatch(/model .*\n.*identity .*\n.*colour transform/);
  });

  it('trains CycleGAN on two plain folders and translates back the other way', async () => {
    for (const [folder, name] of [
      [folders.day, 'day'],
      [folders.night, 'night'],
    ] as const) {
      expect((await runCli(['import', folder, '--name', name, '--size', '64'], home)).code).toBe(0);
    }
    const trained = await runCli(
      [
        'train',
        '--json',
        '--model',
        'cyclegan',
        '--dataset-a',
        'day',
        '--dataset-b',
        'night',
        '--run',
        'cycle',
        '--steps',
        '2',
        '--batch',
        '1',
        '--seed',
        '1',
      ],
      home,
    );
    expect(trained.code).toBe(0);
    const events = jsonEvents(trained.stdout);
    expect(ofKind(events, 'progress').at(-1)).toMatchObject({ step: 2 });
    expect(typeof ofKind(events, 'progress').at(-1)!.cycle).toBe('number');
    const listed = jsonEvents((await runCli(['list', '--json'], home)).stdout)[0]!;
    expect((listed.runs as { name: string }[]).find((r) => r.name === 'cycle')).toMatchObject({
      dataset: 'day',
      datasetB: 'night',
    });

    const out = join(data, 'out-cycle');
    const back = await translate('cycle', join(data, 'street.jpg'), out, '--direction', 'b2a');
    expect(back.code).toBe(0);
    expect(await sharp(join(out, 'street-b2a.png')).metadata()).toMatchObject({ width: 150, height: 97 });

    const noPairs = await runCli(['eval', '--run', 'cycle'], home);
    expect(noPairs.code).toBe(1);
    expect(noPairs.stderr).toMatch(/two unmatched datasets.*--dataset/);
    const onPairs = await runCli(
      ['eval', '--run', 'cycle', '--dataset', 'dn', '--direction', 'b2a', '--json'],
      home,
    );
    expect(onPairs.code).toBe(0);
    expect(ofKind(jsonEvents(onPairs.stdout), 'eval')[0]).toMatchObject({ dataset: 'dn', direction: 'b2a' });
  });

  it('explains what it cannot do, naming the argument or the reason', async () => {
    const oneFolder = await runCli(['import-pairs', folders.day, '--name', 'x', '--size', '64'], home);
    expect(oneFolder.code).toBe(2);
    expect(oneFolder.stderr).toMatch(/folder A and folder B, or --side-by-side/);
    const both = await runCli(
      ['train', '--model', 'cyclegan', '--dataset', 'dn', '--dataset-a', 'day', '--run', 'y'],
      home,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--dataset, or --dataset-a with --dataset-b/);
    const unpaired = await runCli(['train', '--model', 'pix2pix', '--dataset', 'day', '--run', 'z'], home);
    expect(unpaired.code).toBe(1);
    expect(unpaired.stderr).toMatch(/pix2pix trains on a paired dataset .*got dataset day/);
    const exported = await runCli(['export-model', '--run', 'p2p', '--out', join(data, 'model')], home);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/run p2p is a pix2pix run: only models that make images from seeds/);
    const backwards = await translate('p2p', join(data, 'street.jpg'), data, '--direction', 'b2a');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/translates a2b only: --direction b2a needs a cyclegan run/);
    const badDirection = await translate('p2p', data, data, '--direction', 'sideways');
    expect(badDirection.code).toBe(2);
    expect(badDirection.stderr).toMatch(/--direction/);
  });
});
