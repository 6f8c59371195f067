import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Training tests, real workers and a browser share two cores: one test file at a time, across projects too.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', '**/node_modules/**'],
          environment: 'node',
          setupFiles: ['test/fixtures/remove-temp-folders.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Tensor-heavy tests share two cores; one file at a time keeps each one's numbers steady.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/build-renderer.ts'],
          setupFiles: ['test/fixtures/remove-temp-folders.ts'],
          // A page that is waiting on the engine (worker start-up, a training step) gets time to catch up.
          expect: { poll: { timeout: 20_000, interval: 100 } },
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [svelte({ configFile: resolve('svelte.config.js') })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/jsdom-setup.ts'],
        },
      },
    ],
  },
});
