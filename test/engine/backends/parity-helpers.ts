/**
 * Shared by the backend tests: run the same computation on the cpu backend (the reference) and on wasm, and
 * compare. Inputs are plain arrays so both backends see identical numbers.
 */
import * as tf from '@tensorflow/tfjs';

export type ParityBackend = 'cpu' | 'wasm';

/** Deterministic values in [-1, 1) (mulberry32), so a failing case can be rerun exactly. */
export function seededValues(size: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return values;
}

/** Runs `compute` on one backend and returns its result as an array; tensors it makes are disposed. */
export async function runOn(backend: ParityBackend, compute: () => tf.Tensor): Promise<Float32Array> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  const result = tf.tidy(compute);
  const values = (await result.data()) as Float32Array;
  result.dispose();
  return values;
}

export interface Difference {
  /** Largest absolute difference. */
  maxAbs: number;
  /** Largest magnitude in the reference: errors are relative to it, since float error grows with it. */
  scale: number;
  relative: number;
}

export function difference(reference: Float32Array, actual: Float32Array): Difference {
  if (reference.length !== actual.length)
    throw new Error(`lengths differ: ${reference.length} vs ${actual.length}`);
  let maxAbs = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    const expected = reference[i]!;
    const got = actual[i]!;
    // NaN must count as a failure, and Math.max would swallow it.
    const diff = Number.isNaN(got) !== Number.isNaN(expected) ? Infinity : Math.abs(got - expected);
    if (!(diff <= maxAbs)) maxAbs = diff;
    scale = Math.max(scale, Math.abs(expected));
  }
  return { maxAbs, scale, relative: maxAbs === 0 ? 0 : maxAbs / Math.max(scale, 1e-30) };
}

/** Compares wasm against cpu for one computation. */
export async function parity(compute: () => tf.Tensor): Promise<Difference> {
  const reference = await runOn('cpu', compute);
  const actual = await runOn('wasm', compute);
  return difference(reference, actual);
}

/** Engine tensors and wasm heap buffers; a kernel that forgets an intermediate grows the second. */
export function liveCounts(): { tensors: number; buffers: number } {
  return { tensors: tf.memory().numTensors, buffers: tf.backend().numDataIds() };
}

/**
 * Runs `compute` on wasm once to warm up, then five more times, and returns the live counts before and after
 * those five: equal when the kernels behind it free every intermediate.
 */
export async function wasmCountsAround(
  compute: () => tf.Tensor | tf.Tensor[],
): Promise<{ before: ReturnType<typeof liveCounts>; after: ReturnType<typeof liveCounts> }> {
  await tf.setBackend('wasm');
  tf.dispose(tf.tidy(compute));
  const before = liveCounts();
  for (let i = 0; i < 5; i++) tf.dispose(tf.tidy(compute));
  return { before, after: liveCounts() };
}
