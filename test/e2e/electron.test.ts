import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/*
 * The desktop app itself, driven by Playwright's Electron support. Electron downloads its binary from GitHub on
 * first run, which this network can't reach, so here (and in CI) this says it was skipped and why; on a
 * machine with the binary it opens the built app and checks the studio window.
 */

/** The binary, if it was downloaded; checked by its files, since require('electron') would try to download it. */
function electronBinary(): string | null {
  const folder = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary)
  console.warn(
    'Electron e2e skipped: no Electron binary (it downloads from GitHub on first run, unreachable here)',
  );

describe.skipIf(!binary)('the desktop app', () => {
  it('opens the studio window with a sandboxed renderer and the library', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [fileURLToPath(new URL('../..', import.meta.url))],
      env: { ...process.env, GAN_STUDIO_BACKEND: 'wasm' },
    });
    const window = await app.firstWindow();
    await expect.poll(() => window.getByRole('heading', { name: 'Library' }).isVisible()).toBe(true);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await window.evaluate(() => typeof (globalThis as { studio?: { call?: unknown } }).studio?.call),
    ).toBe('function');
    await app.close();
  });
});
