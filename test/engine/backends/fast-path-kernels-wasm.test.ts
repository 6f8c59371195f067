import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backends/select-backend';
import { liveCounts, parity, runOn, seededValues } from './parity-helpers';

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const filled = (shape: number[], seed: number) => tf.tensor(seededValues(count(shape), seed), shape);

beforeAll(async () => {
  await initBackend({ forced: 'wasm', wasmThreads: 1 });
});

describe('BatchMatMul on wasm (transposes made real, batches stacked) matches the cpu backend', () => {
  const cases: [number[], number[], boolean, boolean][] = [];
  for (const transposeA of [false, true])
    for (const transposeB of [false, true]) {
      const a = (rows: number, inner: number) => (transposeA ? [inner, rows] : [rows, inner]);
      const b = (inner: number, cols: number) => (transposeB ? [cols, inner] : [inner, cols]);
      cases.push([a(5, 7), b(7, 3), transposeA, transposeB]);
      cases.push([a(64, 64), b(64, 96), transposeA, transposeB]);
      cases.push([[3, ...a(4, 6)], b(6, 5), transposeA, transposeB]);
      cases.push([[2, 3, ...a(1, 9)], [1, ...b(9, 2)], transposeA, transposeB]);
      cases.push([[4, ...a(3, 5)], [4, ...b(5, 2)], transposeA, transposeB]);
    }
  it.each(cases)('a %j b %j transposeA %s transposeB %s', async (aShape, bShape, transposeA, transposeB) => {
    const diff = await parity(() => tf.matMul(filled(aShape, 1), filled(bShape, 2), transposeA, transposeB));
    expect(diff.relative).toBeLessThan(1e-5);
  });

  it('shapes its output as the batch shape of a and leaves no buffers behind', async () => {
    await tf.setBackend('wasm');
    const a = filled([2, 3, 4, 6], 3);
    const b = filled([5, 6], 4);
    const before = liveCounts();
    const out = tf.matMul(a, b, false, true);
    expect(out.shape).toEqual([2, 3, 4, 5]);
    out.dispose();
    expect(liveCounts()).toEqual(before);
    tf.dispose([a, b]);
  });
});

describe('Sum and Mean over all but the last axis on wasm', () => {
  const shapes = [
    [64, 16, 16, 32],
    [3, 5, 7],
    [1, 1, 4],
    [9, 2],
  ];
  it.each(shapes)("give wasm's own results bit for bit for %j", async (...shape) => {
    await tf.setBackend('wasm');
    const x = filled(shape, 5);
    const channels = shape[shape.length - 1]!;
    // Reducing the innermost axis of the transposed tensor is wasm's own kernel doing what it does for any axes.
    const channelsFirst = tf.reshape(
      tf.transpose(x, [shape.length - 1, ...shape.slice(0, -1).map((_, i) => i)]),
      [channels, -1],
    );
    const leading = shape.slice(0, -1).map((_, i) => i);
    for (const [ours, theirs] of [
      [tf.sum(x, leading), tf.sum(channelsFirst, 1)],
      [tf.mean(x, leading), tf.mean(channelsFirst, 1)],
      [
        tf.sum(x, [...leading].reverse(), true),
        tf.reshape(tf.sum(channelsFirst, 1), [...leading.map(() => 1), channels]),
      ],
    ]) {
      expect(ours!.shape).toEqual(theirs!.shape);
      expect(Array.from(await ours!.data())).toEqual(Array.from(await theirs!.data()));
    }
  });

  it('match the cpu backend, and other reductions are left to wasm', async () => {
    for (const axes of [[0, 1, 2], [1, 2], [3], [0, 3]]) {
      const diff = await parity(() =>
        tf.add(tf.sum(filled([4, 5, 6, 7], 6), axes), tf.mean(filled([4, 5, 6, 7], 7), axes)),
      );
      expect(diff.relative, `axes ${axes.join(',')}`).toBeLessThan(1e-5);
    }
  });
});

describe('Identity on wasm shares the buffer', () => {
  it('clones without copying, and the data lives until the last tensor holding it goes', async () => {
    await tf.setBackend('wasm');
    const x = filled([3, 4], 8);
    const before = tf.memory().numBytes;
    const copy = tf.clone(x);
    const buffers = tf.backend().numDataIds();
    x.dispose();
    expect(tf.backend().numDataIds()).toBe(buffers);
    expect(Array.from(await copy.data())).toEqual(Array.from(seededValues(12, 8)));
    copy.dispose();
    expect(tf.memory().numBytes).toBeLessThan(before);
  });

  it('keeps strings working', async () => {
    const values = await runOn('wasm', () => tf.clone(tf.tensor(['a', 'b'])) as tf.Tensor);
    expect(Array.from(values as unknown as string[])).toEqual(['a', 'b']);
  });
});
