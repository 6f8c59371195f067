import fs from 'node:fs';
import workerThreads from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { beginThreadedStart } from '../../../src-main/engine/backends/wasm-threads';

afterEach(() => {
  vi.restoreAllMocks();
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
});

describe('beginThreadedStart', () => {
  it('writes the pthread worker script once, however many workers Emscripten asks it for', () => {
    const start = beginThreadedStart(2, vi.fn());
    const writes = vi.spyOn(fs, 'writeFileSync');
    try {
      // As Emscripten's prestart does: eight workers, each asking for the script through a fresh Blob.
      const workerText = '"use strict";var Module={};';
      const urls = Array.from({ length: 8 }, () => URL.createObjectURL(new Blob([workerText])));
      expect(new Set(urls).size).toBe(1);
      expect(writes).toHaveBeenCalledTimes(1);
      // A worker that read the file while it was being rewritten would get part of it, or nothing.
      expect(fs.readFileSync(urls[0]!, 'utf8').endsWith(workerText)).toBe(true);
      start.restore();
      // Every worker has read it by the time the start settles: nothing is left behind in the temp folder.
      expect(fs.existsSync(urls[0]!)).toBe(false);
    } finally {
      start.restore();
    }
    expect(URL.createObjectURL(new Blob(['x']))).toMatch(/^blob:/);
  });

  it('ends the workers a start created when the start is abandoned, and only those', async () => {
    // Both workers idle forever: only being ended makes either one exit.
    const idle = 'setInterval(() => {}, 1000)';
    const before = new workerThreads.Worker(idle, { eval: true });
    let beforeExited = false;
    before.once('exit', () => (beforeExited = true));
    const start = beginThreadedStart(2, vi.fn());
    const during = new workerThreads.Worker(idle, { eval: true });
    start.restore();
    expect(workerThreads.Worker).not.toBe(during.constructor);
    const duringExited = new Promise((resolve) => during.once('exit', () => resolve(true)));
    start.abandon();
    await expect(duringExited).resolves.toBe(true);
    expect(beforeExited).toBe(false);
    await before.terminate();
  });
});
