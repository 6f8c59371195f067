import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addBadFiles, makeShapeFolder } from '../fixtures/shape-folder';
import { dragOntoWindow } from './drag-files';
import {
  CHROMIUM,
  hasChromium,
  launchChromium,
  type RunningServer,
  startStudioServer,
} from './studio-server';
import { tempFolder } from '../fixtures/temp-folders';

/*
 * The studio in a real browser against `npm run serve`, as a person uses it: import a folder made here, train
 * a tiny run, watch the charts and previews, pause and resume, browse the gallery and export. Each view is
 * saved as a screenshot in test-output/screenshots/.
 */

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
if (!hasChromium)
  console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('GAN Studio in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const images = tempFolder('e2e-images');
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  /** The import dialog, once open: checks the name it suggests, picks 32 px and imports. */
  const importAt32px = async (suggestedName: string) => {
    const dialog = page.getByRole('dialog', { name: 'Import images' });
    await expect.poll(() => dialog.getByLabel('Dataset name').inputValue()).toBe(suggestedName);
    await dialog.getByLabel('Image size').selectOption('32');
    await dialog.getByRole('button', { name: 'Import' }).click();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const folder = join(images, 'shapes');
    await makeShapeFolder(folder, 24);
    await addBadFiles(folder);
    server = await startStudioServer(tempFolder('e2e-home'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await shot(`failed-${context.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on the library and shows the backend in use', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Library' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('region', { name: 'Compute backend' }).first().textContent())
      .toContain('WebAssembly');
    expect(page.url()).not.toContain('token=');
    await shot('library-empty');
  });

  it('imports a folder chosen with the folder picker, listing the skipped files', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import folder…' }).click();
    await (await chooser).setFiles(join(images, 'shapes'));
    await importAt32px('shapes');
    const summary = page.getByRole('article', { name: 'Import of shapes' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('24 images imported');
    await summary.getByText('Skipped files').click();
    const text = await summary.textContent();
    expect(text).toMatch(/truncated\.jpg.*truncated/s);
    expect(text).toMatch(/huge-header\.png.*megapixel/s);
    expect(text).toMatch(/notes\.png.*not an image/s);
    await expect.poll(() => page.getByRole('link', { name: 'Dataset shapes' }).isVisible()).toBe(true);
    await shot('library-imported');
    await summary.getByRole('button', { name: 'Dismiss' }).click();
    expect(await summary.count()).toBe(0);
  });

  it('imports a folder dragged onto the window, its subfolders as classes', async () => {
    const folder = join(images, 'pets');
    await makeShapeFolder(folder, 10);
    await dragOntoWindow(page, [folder], async () => {
      await expect.poll(() => page.getByText('Drop folders or images to import them').isVisible()).toBe(true);
    });
    await importAt32px('pets');
    const summary = page.getByRole('article', { name: 'Import of pets' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('10 images imported');
    await expect
      .poll(() => page.getByRole('link', { name: 'Dataset pets' }).textContent())
      .toContain('2 classes');
    await summary.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('shows the dataset in a thumbnail grid with its classes', async () => {
    await page.getByRole('link', { name: 'Dataset shapes' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'shapes', level: 1 }).isVisible()).toBe(true);
    const grid = page.getByRole('grid', { name: 'Dataset images' });
    await expect.poll(() => grid.getByRole('img').count()).toBe(24);
    await expect
      .poll(() =>
        grid
          .getByRole('img')
          .first()
          .evaluate((img: { naturalWidth: number }) => img.naturalWidth),
      )
      .toBe(32);
    await page.getByRole('group', { name: 'Classes' }).getByRole('button', { name: 'circles' }).click();
    await expect.poll(() => grid.getByRole('img').count()).toBe(12);
    await shot('dataset');
  });

  it('trains a tiny run and shows charts and previews as they arrive, with pause and resume', async () => {
    await page.getByRole('radio', { name: /^Quick/ }).check();
    await page.getByText('Advanced').click();
    await page.getByLabel('Steps').fill('80');
    await page.getByLabel('Batch size').fill('8');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'shapes-quick', level: 1 }).isVisible())
      .toBe(true);
    // Progress arrives: the chart gains points.
    const chart = page.getByRole('img', { name: /Losses chart/ });
    await expect
      .poll(async () => Number(/(\d+) points/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1]), {
        timeout: 60_000,
      })
      .toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByText('Paused', { exact: true }).isVisible()).toBe(true);
    const pausedAt = await page.getByRole('progressbar', { name: 'Training progress' }).getAttribute('value');
    await page.waitForTimeout(1500);
    expect(await page.getByRole('progressbar', { name: 'Training progress' }).getAttribute('value')).toBe(
      pausedAt,
    );
    await shot('training-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect
      .poll(() => page.getByText('Finished', { exact: true }).isVisible(), { timeout: 120_000 })
      .toBe(true);
    const preview = page.getByRole('img', { name: /Generated samples at step/ });
    await expect
      .poll(() => preview.evaluate((img: { naturalWidth: number }) => img.naturalWidth))
      .toBeGreaterThan(32);
    // The timeline holds every preview saved (one every 10 steps of 80).
    const timeline = page.getByRole('slider', { name: 'Preview timeline' });
    expect(await timeline.getAttribute('max')).toBe('7');
    await timeline.fill('0');
    await expect.poll(() => preview.getAttribute('alt')).toBe('Generated samples at step 10');
    await shot('training-finished');
  });

  it('browses the gallery, interpolates between two picks and exports a contact sheet', async () => {
    await page.getByRole('link', { name: 'Open gallery' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Gallery' }).isVisible()).toBe(true);
    const first = page.getByRole('img', { name: 'Seed 0', exact: true });
    await expect
      .poll(() => first.evaluate((img: { naturalWidth: number }) => img.naturalWidth), { timeout: 60_000 })
      .toBe(32);
    await page.getByRole('button', { name: 'Select seed 0', exact: true }).click();
    await page.getByRole('button', { name: 'Select seed 3', exact: true }).click();
    await page.getByRole('button', { name: 'Interpolate between the two' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Interpolation' }).getByRole('img').count(), {
        timeout: 60_000,
      })
      .toBe(9);
    await page.getByRole('button', { name: 'Favourite seed 3', exact: true }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Unfavourite seed 3', exact: true }).isVisible())
      .toBe(true);
    await page.getByRole('combobox', { name: 'Export as' }).selectOption('grid');
    await page.getByRole('button', { name: /^Export \d/ }).click();
    const link = page.getByRole('list', { name: 'Exported files' }).getByRole('link');
    await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1);
    const download = page.waitForEvent('download');
    await link.click();
    const saved = await (await download).path();
    const metadata = await sharp(readFileSync(saved)).metadata();
    expect(metadata.format).toBe('png');
    expect(metadata.width).toBe(4 * (2 * 32 + 3 * 2));
    await shot('gallery');

    // The generator itself, for a web page of one's own.
    await page.getByRole('button', { name: 'Export model (TensorFlow.js)' }).click();
    await expect
      .poll(() => link.allTextContents(), { timeout: 60_000 })
      .toEqual(['weights.bin', 'model.json', 'README.md']);
    const modelJson = page.waitForEvent('download');
    await link.filter({ hasText: 'model.json' }).click();
    const topology = JSON.parse(readFileSync(await (await modelJson).path(), 'utf8'));
    expect(topology.userDefinedMetadata).toMatchObject({ run: 'shapes-quick', imageSize: 32 });
  });

  it('shows settings with the library folder and versions', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Compute engine' }).isVisible()).toBe(true);
    expect(await page.getByText('Getting native TensorFlow').isVisible()).toBe(true);
    await shot('settings');
  });

  it("opens the GAN Lab, where the introduction's GAN learns the ring", async () => {
    await page.getByRole('link', { name: 'GAN Lab' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'GAN Lab' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.getByText(/covers 8 of 8 modes/).isVisible(), { timeout: 90_000 })
      .toBe(true);
    await page.getByRole('button', { name: 'Pause' }).click();
    await shot('lab');
  });

  it('follows a dark OS theme and reads at 1024 x 700, every view reached from the keyboard alone', async () => {
    // Page-side code as text: this project's test files are typed without the DOM's globals.
    const backgroundOf = (p: Page) =>
      p.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
    const lightBackground = await backgroundOf(page);
    const dark = await browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: 'dark' });
    try {
      await dark.goto(server.url);
      await expect
        .poll(() => dark.getByRole('heading', { name: 'Library', level: 1 }).isVisible())
        .toBe(true);
      const background = await backgroundOf(dark);
      expect(background).not.toBe(lightBackground);
      expect(luminance(background)).toBeLessThan(0.1);
      expect(luminance(lightBackground)).toBeGreaterThan(0.8);

      /**
       * Tabs forward (at most 60 presses; past the last control the focus wraps to the sidebar) until the link
       * named `name` has the focus, then follows it.
       */
      const followByKeyboard = async (name: string) => {
        for (let presses = 0; presses < 60; presses++) {
          await dark.keyboard.press('Tab');
          const focused = await dark.evaluate<{ name: string; outline: string }>(`(() => {
            const element = document.activeElement;
            return {
              name: element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '',
              outline: element ? getComputedStyle(element).outlineStyle : 'none',
            };
          })()`);
          if (focused.name === name) {
            expect(focused.outline, `the focused "${name}" link shows where the focus is`).not.toBe('none');
            await dark.keyboard.press('Enter');
            return;
          }
        }
        throw new Error(`no link named "${name}" within 60 presses of Tab`);
      };
      // The sidebar's Gallery opens on the run trained most recently; Translate has no translation run here.
      const views: { link: string; heading: string; hash: string; shot: string }[] = [
        { link: 'Library', heading: 'Library', hash: '#/library', shot: 'library' },
        { link: 'Dataset shapes', heading: 'shapes', hash: '#/dataset/shapes', shot: 'dataset' },
        { link: 'Library', heading: 'Library', hash: '#/library', shot: 'library' },
        { link: 'Run shapes-quick', heading: 'shapes-quick', hash: '#/run/shapes-quick', shot: 'training' },
        { link: 'Gallery', heading: 'Gallery', hash: '#/gallery/shapes-quick', shot: 'gallery' },
        { link: 'Translate', heading: 'Translate', hash: '#/translate', shot: 'translate' },
        { link: 'GAN Lab', heading: 'GAN Lab', hash: '#/lab', shot: 'lab' },
        { link: 'Settings', heading: 'Settings', hash: '#/settings', shot: 'settings' },
      ];
      for (const view of views) {
        await followByKeyboard(view.link);
        await expect.poll(() => new URL(dark.url()).hash).toBe(view.hash);
        await expect
          .poll(() => dark.getByRole('heading', { name: view.heading, level: 1 }).isVisible())
          .toBe(true);
        // Nothing wider than the window: no sideways scrolling at the smallest supported size.
        const width = await dark.evaluate<{ content: number; window: number }>(
          '({ content: document.documentElement.scrollWidth, window: document.documentElement.clientWidth })',
        );
        expect(width.content, `${view.heading} fits 1024 px`).toBeLessThanOrEqual(width.window);
        await dark.screenshot({ path: join(SHOTS, `dark-1024-${view.shot}.png`) });
      }
    } finally {
      await dark.close();
    }
  });

  it('keeps the same state after a reload', async () => {
    await page.goto(server.url.replace(/\?token=.*/, '#/library'));
    await expect
      .poll(() => page.getByRole('link', { name: 'Run shapes-quick' }).textContent())
      .toContain('Finished');
  });

  it('deletes a run and a dataset after asking, and undoes a delete', async () => {
    const deleteDatasetPets = async () => {
      await page.getByRole('link', { name: 'Dataset pets' }).click();
      await page.getByRole('button', { name: 'Delete dataset…' }).click();
      await page
        .getByRole('dialog', { name: 'Delete dataset pets?' })
        .getByRole('button', { name: 'Delete', exact: true })
        .click();
    };
    await page.getByRole('link', { name: 'Run shapes-quick' }).click();
    await page.getByRole('button', { name: 'Delete run…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete run shapes-quick?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Delete run…' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Library', level: 1 }).isVisible()).toBe(true);
    const notice = page.getByRole('status').filter({ hasText: 'Moved run shapes-quick to the trash' });
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Run shapes-quick' }).count()).toBe(0);
    await shot('library-deleted');
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Run shapes-quick' }).count()).toBe(1);
    expect(await notice.count()).toBe(0);

    // A dataset names the runs made from it before it goes.
    await page.getByRole('link', { name: 'Dataset shapes' }).click();
    await page.getByRole('button', { name: 'Delete dataset…' }).click();
    const ask = page.getByRole('dialog', { name: 'Delete dataset shapes?' });
    expect(await ask.textContent()).toContain('Runs made from it (shapes-quick)');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: 'Library' }).click();
    await deleteDatasetPets();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Moved dataset pets to the trash' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('link', { name: 'Dataset pets' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Dataset shapes' }).count()).toBe(1);

    // After a reload the Library's notice is gone; the trash in Settings still restores, and empties.
    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).click();
    const trash = page.getByRole('list', { name: 'Deleted datasets and runs' });
    await expect.poll(() => trash.textContent()).toContain('dataset pets');
    await shot('settings-trash');
    await page.getByRole('button', { name: 'Restore dataset pets' }).click();
    await expect.poll(() => page.getByText('The trash is empty.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Dataset pets' }).count()).toBe(1);
    await deleteDatasetPets();
    await expect.poll(() => page.getByRole('heading', { name: 'Library', level: 1 }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Empty trash…' }).click();
    await page.getByRole('button', { name: 'Empty trash', exact: true }).click();
    await expect.poll(() => page.getByText('The trash is empty.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Library' }).click();
    expect(await page.getByRole('status').filter({ hasText: 'to the trash' }).count()).toBe(0);
  });
});

/** Relative luminance (0 black to 1 white) of a CSS rgb() colour. */
function luminance(cssColour: string): number {
  const [r, g, b] = (cssColour.match(/[\d.]+/g) ?? []).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  if (b === undefined) throw new Error(`not an rgb() colour: ${cssColour}`);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b;
}
