import { createRequire } from 'node:module';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadNativeBackend } from '../../../src-main/engine/backends/load-native-backend';
import type { NativeLoad } from '../../../src-main/engine/backends/load-native-backend';
import { initBackend } from '../../../src-main/engine/backends/select-backend';

const nativeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

/** Stands in for tfjs-node: registers a 'tensorflow' backend (really a fresh cpu backend) the way it would. */
const fakeNative = async (): Promise<NativeLoad> => {
  const cpuFactory = tf.findBackendFactory('cpu');
  if (!cpuFactory) throw new Error('no cpu backend factory');
  tf.registerBackend('tensorflow', cpuFactory);
  return { ok: true, version: '0.0.0-fake' };
};

const brokenNative = async (): Promise<NativeLoad> => ({
  ok: false,
  notInstalled: false,
  reason: '@tensorflow/tfjs-node failed to load: libtensorflow.so.2: cannot open shared object file',
});

afterEach(() => {
  vi.unstubAllEnvs();
  if (tf.findBackend('tensorflow') || tf.findBackendFactory('tensorflow')) {
    if (tf.getBackend() === 'tensorflow') tf.setBackend('cpu');
    tf.removeBackend('tensorflow');
  }
});

describe('initBackend', () => {
  it.skipIf(nativeInstalled)(
    'picks wasm when tfjs-node is absent, with our kernels, and says why not tensorflow',
    async () => {
      vi.stubEnv('GAN_STUDIO_BACKEND', '');
      vi.stubEnv('GAN_STUDIO_THREADS', '');
      const info = await initBackend();
      expect(info.name).toBe('wasm');
      expect(tf.getBackend()).toBe('wasm');
      expect(info.notUsed).toEqual({
        tensorflow: expect.stringMatching(/@tensorflow\/tfjs-node is not installed/),
      });
      // Every core up to 4, on the threaded build (threadsNote would say why not).
      expect(info.threadsNote).toBeUndefined();
      expect(info.threads).toBe(Math.min(4, os.availableParallelism()));
      expect(typeof info.simd).toBe('boolean');
      expect(info.kernelsAdded).toEqual(
        expect.arrayContaining(['Conv2DBackpropFilter', 'MaxPoolGrad', 'UnsortedSegmentSum']),
      );
      expect(info.versions).toMatchObject({
        tfjs: tf.version.tfjs,
        backend: version_wasm,
        node: process.versions.node,
      });
    },
  );

  it('leaves no rethrowing emscripten process listeners behind after starting wasm', async () => {
    await initBackend({ forced: 'wasm' });
    const emscriptenHooks = [
      ...process.listeners('uncaughtException'),
      ...process.listeners('unhandledRejection'),
    ].filter((listener) => /ExitStatus|throw reason/.test(String(listener)));
    expect(emscriptenHooks).toEqual([]);
  });

  it.skipIf(nativeInstalled)(
    'fails clearly, naming tfjs-node, when GAN_STUDIO_BACKEND=node cannot load it',
    async () => {
      vi.stubEnv('GAN_STUDIO_BACKEND', 'node');
      await expect(initBackend()).rejects.toThrow(
        /^GAN_STUDIO_BACKEND=node, but native TensorFlow could not be loaded: @tensorflow\/tfjs-node is not installed.*Unset GAN_STUDIO_BACKEND/,
      );
    },
  );

  it('forces the cpu backend with GAN_STUDIO_BACKEND=cpu, and says the others were not tried', async () => {
    vi.stubEnv('GAN_STUDIO_BACKEND', 'cpu');
    const loadNative = vi.fn(fakeNative);
    const info = await initBackend({ loadNative });
    expect(info).toMatchObject({ name: 'cpu', threads: 1, kernelsAdded: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(info.notUsed).toEqual({
      tensorflow: 'not tried: GAN_STUDIO_BACKEND=cpu',
      wasm: 'not tried: GAN_STUDIO_BACKEND=cpu',
    });
    expect(loadNative).not.toHaveBeenCalled();
  });

  it('forces wasm with GAN_STUDIO_BACKEND=wasm without trying native TensorFlow', async () => {
    vi.stubEnv('GAN_STUDIO_BACKEND', 'wasm');
    const loadNative = vi.fn(fakeNative);
    const info = await initBackend({ loadNative });
    expect(info.name).toBe('wasm');
    expect(info.notUsed).toEqual({ tensorflow: 'not tried: GAN_STUDIO_BACKEND=wasm' });
    expect(loadNative).not.toHaveBeenCalled();
  });

  it('rejects an invalid GAN_STUDIO_BACKEND, naming the variable and the allowed values', async () => {
    vi.stubEnv('GAN_STUDIO_BACKEND', 'gpu');
    await expect(initBackend()).rejects.toThrow(
      /GAN_STUDIO_BACKEND must be one of node, wasm, cpu \(got "gpu"\)/,
    );
  });

  it('lets an explicit choice win over GAN_STUDIO_BACKEND', async () => {
    vi.stubEnv('GAN_STUDIO_BACKEND', 'gpu');
    const info = await initBackend({ forced: 'cpu' });
    expect(info.name).toBe('cpu');
    expect(info.notUsed.wasm).toBe("not tried: backend 'cpu' was requested");
  });

  it('uses native TensorFlow when it loads, on every core', async () => {
    vi.stubEnv('GAN_STUDIO_BACKEND', '');
    const info = await initBackend({ loadNative: fakeNative });
    expect(info).toMatchObject({
      name: 'tensorflow',
      notUsed: {},
      threads: os.availableParallelism(),
      kernelsAdded: [],
    });
    expect(info.versions.backend).toBe('0.0.0-fake');
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('falls back to wasm when native TensorFlow is installed but broken, keeping the reason', async () => {
    vi.stubEnv('GAN_STUDIO_BACKEND', '');
    const info = await initBackend({ loadNative: brokenNative });
    expect(info.name).toBe('wasm');
    expect(info.notUsed.tensorflow).toMatch(/libtensorflow\.so\.2: cannot open shared object file/);
  });

  it('never falls back when native TensorFlow is requested but broken', async () => {
    await expect(initBackend({ forced: 'node', loadNative: brokenNative })).rejects.toThrow(
      /^backend 'node' was requested, but native TensorFlow could not be loaded: .*libtensorflow\.so\.2.*Leave the backend unset/,
    );
  });
});

describe('loadNativeBackend', () => {
  it.skipIf(nativeInstalled)('reports tfjs-node as not installed rather than throwing', async () => {
    const result = await loadNativeBackend();
    expect(result).toEqual({
      ok: false,
      notInstalled: true,
      reason: expect.stringContaining('@tensorflow/tfjs-node'),
    });
  });

  it.runIf(nativeInstalled)('loads tfjs-node where it is installed', async () => {
    const result = await loadNativeBackend();
    expect(result.ok).toBe(true);
  });
});
