import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../../../src-main/engine/backends/backend-info';
import { toBackendReport } from '../../../src-main/engine/backends/backend-info';
import { doctorReport } from '../../../src-main/engine/backends/doctor-report';

const onWasm: BackendInfo = {
  name: 'wasm',
  notUsed: { tensorflow: '@tensorflow/tfjs-node is not installed (its install downloads native TensorFlow)' },
  versions: { tfjs: '4.22.0', backend: '4.22.0', node: '20.20.2' },
  threads: 1,
  simd: true,
  kernelsAdded: ['Conv2DBackpropFilter', 'MaxPoolGrad'],
};

const onNative: BackendInfo = {
  name: 'tensorflow',
  notUsed: {},
  versions: { tfjs: '4.22.0', backend: '4.22.0', node: '20.20.2', electron: '45.6.0' },
  threads: 8,
  kernelsAdded: [],
};

describe('doctorReport', () => {
  it('names the backend, why tensorflow is not used, versions, threads, SIMD and our kernels', () => {
    const lines = doctorReport(onWasm);
    expect(lines[0]).toBe('backend: wasm (WebAssembly through @tensorflow/tfjs-backend-wasm)');
    expect(lines).toContain(`not using tensorflow: ${onWasm.notUsed.tensorflow}`);
    expect(lines).toContain(
      'versions: @tensorflow/tfjs 4.22.0, @tensorflow/tfjs-backend-wasm 4.22.0, Node.js 20.20.2',
    );
    expect(lines).toContain('threads: 1 (set GAN_STUDIO_THREADS to change)');
    expect(lines).toContain('SIMD: on');
    expect(lines).toContain('kernels added by GAN Studio: Conv2DBackpropFilter, MaxPoolGrad');
  });

  it('tells how to get native TensorFlow when it is not in use', () => {
    const text = doctorReport(onWasm).join('\n');
    expect(text).toContain('npm install @tensorflow/tfjs-node');
    expect(text).toMatch(/storage\.googleapis\.com/);
    expect(text).toMatch(/Electron/);
  });

  it('on native TensorFlow shows every core and no install advice, and the Electron version when present', () => {
    const lines = doctorReport(onNative);
    expect(lines[0]).toBe('backend: tensorflow (native TensorFlow through @tensorflow/tfjs-node)');
    expect(lines).toContain('threads: 8 (all cores)');
    expect(lines.join('\n')).not.toContain('npm install');
    expect(lines.some((line) => line.startsWith('SIMD'))).toBe(false);
    expect(lines).toContain(
      'versions: @tensorflow/tfjs 4.22.0, @tensorflow/tfjs-node 4.22.0, Node.js 20.20.2, Electron 45.6.0',
    );
  });

  it('lists every backend that was passed over, one line each', () => {
    const lines = doctorReport({
      ...onWasm,
      name: 'cpu',
      notUsed: { tensorflow: 'not tried: GAN_STUDIO_BACKEND=cpu', wasm: 'not tried: GAN_STUDIO_BACKEND=cpu' },
      kernelsAdded: [],
      simd: undefined,
    });
    expect(lines.filter((line) => line.startsWith('not using '))).toEqual([
      'not using tensorflow: not tried: GAN_STUDIO_BACKEND=cpu',
      'not using wasm: not tried: GAN_STUDIO_BACKEND=cpu',
    ]);
  });
});

describe('toBackendReport', () => {
  it('keeps what job events carry (all but our kernel list), with its own copy of notUsed', () => {
    const report = toBackendReport(onWasm);
    const { kernelsAdded: _, ...expected } = onWasm;
    expect(report).toEqual(expected);
    expect(report).not.toHaveProperty('kernelsAdded');
    expect(report.notUsed).not.toBe(onWasm.notUsed);
  });
});
