import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSED_ADAM_KERNEL } from '../../src-main/engine/backends/fused-adam-wasm';
import { registerWasmTrainingKernels } from '../../src-main/engine/backends/register-wasm-kernels';
import { initBackend } from '../../src-main/engine/backends/select-backend';
import { ParamStore } from '../../src-main/engine/layers/param-store';
import { Adam } from '../../src-main/engine/training/adam';
import { seededValues } from './backends/parity-helpers';

const SHAPES: number[][] = [[4, 4, 3, 8], [8], [1], [64, 33], [5, 7, 2]];
const SETTINGS = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };
/** beta1 = 0.5 makes the first moment's products exact; another setting checks its rounding too. */
const OTHER_SETTINGS = { beta1: 0.9, beta2: 0.99, epsilon: 1e-7 };

/** Values over many magnitudes, with exact zeros, so rounding and the epsilon both matter somewhere. */
function spread(size: number, seed: number): Float32Array {
  const base = seededValues(size, seed);
  const scales = seededValues(size, seed + 1);
  return base.map((value, i) => (i % 11 === 0 ? 0 : value * 10 ** Math.round(scales[i]! * 6)));
}

function makeStore(): ParamStore {
  const store = new ParamStore();
  SHAPES.forEach((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    store.add(`w${i}`, tf.tensor(spread(size, 10 + i), shape));
  });
  store.add('frozen', tf.ones([3]), false);
  return store;
}

function gradsFor(store: ParamStore, step: number): tf.NamedTensorMap {
  const grads: tf.NamedTensorMap = {};
  for (const [name, variable] of store.entries()) {
    // Now and then a weight gets no gradient, as when a loss doesn't reach it.
    if (!variable.trainable || (step + name.length) % 7 === 0) continue;
    grads[name] = tf.tensor(spread(variable.size, 1000 * step + name.length), variable.shape);
  }
  return grads;
}

async function values(store: ParamStore): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [name, variable] of store.entries()) out.set(name, (await variable.data()) as Float32Array);
  return out;
}

/** Runs `steps` updates with the op-by-op rule (fused kernel unregistered) or the fused kernel. */
async function train(fused: boolean, steps: number, settings: typeof SETTINGS) {
  if (fused) registerWasmTrainingKernels();
  else tf.unregisterKernel(FUSED_ADAM_KERNEL, 'wasm');
  const params = makeStore();
  const adam = new Adam(params, settings);
  for (let step = 0; step < steps; step++) {
    const grads = gradsFor(params, step);
    adam.apply(grads, 2e-4 * (1 + (step % 3)));
    tf.dispose(grads);
  }
  const result = { params: await values(params), moments: await values(adam.moments) };
  adam.dispose();
  params.dispose();
  return result;
}

describe('the fused Adam kernel (wasm)', () => {
  beforeAll(async () => {
    await initBackend({ forced: 'wasm', wasmThreads: 1 });
  });
  afterAll(() => registerWasmTrainingKernels());

  it('is registered on wasm', () => {
    expect(tf.getKernel(FUSED_ADAM_KERNEL, 'wasm')).toBeDefined();
  });

  it.each([SETTINGS, OTHER_SETTINGS])(
    'gives bit for bit the weights and moments of the op-by-op update over 300 steps (%o)',
    async (settings) => {
      const reference = await train(false, 300, settings);
      const fused = await train(true, 300, settings);
      for (const part of ['params', 'moments'] as const) {
        for (const [name, expected] of reference[part]) {
          const got = fused[part].get(name)!;
          const firstDifference = expected.findIndex((value, i) => !Object.is(value, got[i]));
          expect(firstDifference, `${part} ${name}`).toBe(-1);
        }
      }
    },
  );

  it('leaves no tensors behind', async () => {
    registerWasmTrainingKernels();
    const params = makeStore();
    const adam = new Adam(params, SETTINGS);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 3; step++) {
      const grads = gradsFor(params, step);
      adam.apply(grads, 1e-3);
      tf.dispose(grads);
    }
    expect(tf.memory().numTensors).toBe(before);
    adam.dispose();
    params.dispose();
  });
});
