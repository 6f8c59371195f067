import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sceneSvg, sceneLayout, writeDayNightFolders } from '../fixtures/day-night-scenes';
import { dragOntoWindow } from './drag-files';
import { hasChromium, launchChromium, type RunningServer, startStudioServer } from './studio-server';
import { tempFolder } from '../fixtures/temp-folders';

/*
 * Day to night in a browser against `npm run serve`: import matched pairs from two folders, train a tiny
 * pix2pix, translate a photo of another size, compare before and after, and measure the run.
 */

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');

describe.skipIf(!hasChromium)('day to night in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const root = tempFolder('e2e-pairs');
  let folders: { day: string; night: string };
  const photos = join(root, 'photos');
  const lane = join(root, 'lane.png');
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    folders = await writeDayNightFolders(root, 16, 64);
    mkdirSync(photos);
    // A "photo" of another shape than the tiles: a scene squeezed to 150 x 97.
    const scene = Buffer.from(sceneSvg(sceneLayout(99), 'day', 150));
    writeFileSync(
      join(photos, 'street.jpg'),
      await sharp(scene).resize(150, 97, { fit: 'fill' }).jpeg().toBuffer(),
    );
    // Another, dropped on the window as a loose file: a portrait PNG.
    writeFileSync(lane, await sharp(scene).resize(90, 120, { fit: 'fill' }).png().toBuffer());
    server = await startStudioServer(tempFolder('e2e-pairs-home'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await shot(`failed-translate-${context.task.name.replace(/\W+/g, '-').slice(0, 50)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports matched pairs from two folders', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import pairs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import matched pairs' });
    for (const [button, folder] of [
      ['Choose folder A…', folders.day],
      ['Choose folder B…', folders.night],
    ] as const) {
      const chooser = page.waitForEvent('filechooser');
      await dialog.getByRole('button', { name: button }).click();
      await (await chooser).setFiles(folder);
    }
    await expect.poll(() => dialog.getByLabel('Dataset name').inputValue()).toBe('day-to-night');
    await dialog.getByLabel('Tile size').selectOption('64');
    await dialog.getByRole('button', { name: 'Import pairs' }).click();
    const summary = page.getByRole('article', { name: 'Import of day-to-night' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('16 pairs imported');
    expect(await summary.textContent()).toMatch(/2 pairs held out/);
    await summary.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('shows the pairs and trains pix2pix on them, with held-out scores', async () => {
    await page.getByRole('link', { name: 'Dataset day-to-night' }).click();
    const grid = page.getByRole('grid', { name: 'Dataset pairs' });
    await expect.poll(() => grid.getByRole('img', { name: /^B: / }).count()).toBe(16);
    await shot('dataset-pairs');
    await page.getByText('Advanced').click();
    await page.getByLabel('Steps').fill('20');
    await page.getByLabel('Batch size').fill('2');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'day-to-night-pix2pix-quick', level: 1 }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByText('Finished', { exact: true }).isVisible(), { timeout: 180_000 })
      .toBe(true);
    const scores = page.getByRole('region', { name: 'Held-out pairs' });
    await expect
      .poll(() =>
        scores.getByRole('row', { name: /^(This model|Best colour transform|Unchanged input)/ }).count(),
      )
      .toBe(3);
    expect(await scores.textContent()).toMatch(/At step 20, on 2 pairs/);
    // Evaluate now measures again: one more evaluation in the PSNR chart (which shows from two on).
    const psnrChart = scores.getByRole('img', { name: /PSNR on held-out pairs chart/ });
    const evaluationsShown = async () =>
      (await psnrChart.count()) === 0
        ? 1
        : Number(/(\d+) points/.exec((await psnrChart.getAttribute('aria-label')) ?? '')?.[1]);
    const before = await evaluationsShown();
    await scores.getByRole('button', { name: 'Evaluate now' }).click();
    await expect.poll(evaluationsShown, { timeout: 60_000 }).toBe(before + 1);
    await shot('training-pix2pix');
  });

  it('translates a photo of any size and compares before and after', async () => {
    await page.getByRole('link', { name: 'Translate photos' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Translate' }).isVisible()).toBe(true);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a folder of photos…' }).click();
    await (await chooser).setFiles(photos);
    await expect
      .poll(() => naturalSize(page.getByRole('img', { name: 'street.jpg, translated' })), { timeout: 60_000 })
      .toEqual([150, 97]);
    const original = page.getByRole('img', { name: 'street.jpg, original' });
    expect(await original.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(150);
    await page.getByRole('slider', { name: 'Before / after' }).fill('80');
    expect(await page.getByRole('link', { name: 'street.jpg' }).getAttribute('download')).not.toBeNull();
    await shot('translate');
  });

  it('translates a photo dragged onto the window', async () => {
    await dragOntoWindow(page, [lane], async () => {
      await expect
        .poll(() => page.getByText('Drop photos or folders to translate them').isVisible())
        .toBe(true);
    });
    await expect
      .poll(() => naturalSize(page.getByRole('img', { name: 'lane.png, translated' })), { timeout: 60_000 })
      .toEqual([90, 120]);
    // Dropped here, the photo was translated, not imported as a dataset.
    expect(await page.getByRole('dialog', { name: 'Import images' }).count()).toBe(0);
  });

  it('shows the translated pairs in the gallery', async () => {
    await page.getByRole('link', { name: 'Gallery' }).click();
    await page.getByRole('combobox', { name: 'Run' }).selectOption('day-to-night-pix2pix-quick');
    const pairs = page.getByRole('list', { name: 'Translated pairs' });
    await expect.poll(() => pairs.getByRole('img').count()).toBe(4);
    expect(await pairs.getByRole('img', { name: 'street, translated' }).isVisible()).toBe(true);
    await shot('gallery-translations');
  });
});

/** An image's width and height as decoded (0 x 0 until it has loaded). */
function naturalSize(image: Locator): Promise<number[]> {
  return image.evaluate((img: { naturalWidth: number; naturalHeight: number }) => [
    img.naturalWidth,
    img.naturalHeight,
  ]);
}
