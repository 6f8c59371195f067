import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryPool } from '../../src-main/engine/models/image-translation/history-pool';
import { reflectPad } from '../../src-main/engine/models/image-translation/reflect-pad';
import { learningRateDecay } from '../../src-main/engine/models/image-translation/translation-settings';
import { ParamStore } from '../../src-main/engine/layers/param-store';
import { SeededRandom } from '../../src-main/engine/random/seeded-random';
import { useTestBackend } from '../helpers/test-backend';

describe('image-to-image building blocks', () => {
  beforeAll(useTestBackend);

  it('mirror-pads like tf.mirrorPad, and sends each mirrored pixel’s gradient back to its source', () => {
    const x = tf.tensor4d(
      Array.from({ length: 2 * 4 * 5 * 3 }, (_, i) => i),
      [2, 4, 5, 3],
    );
    const padded = reflectPad(x, 2);
    const reference = tf.mirrorPad(
      x,
      [
        [0, 0],
        [2, 2],
        [2, 2],
        [0, 0],
      ],
      'reflect',
    );
    expect(padded.shape).toEqual([2, 8, 9, 3]);
    expect(padded.arraySync()).toEqual(reference.arraySync());

    // d/dx of sum(reflectPad(x) * w) is, for each source pixel, the sum of w over every copy of it.
    const w = tf.tensor4d(
      Array.from({ length: padded.size }, (_, i) => (i % 7) - 3),
      padded.shape,
    );
    const grad = tf.grad((input) => tf.sum(tf.mul(reflectPad(input as tf.Tensor4D, 2), w)))(x);
    const expected = new Float32Array(x.size);
    const wValues = w.dataSync();
    const fold = (i: number, n: number) => (i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
    for (let b = 0; b < 2; b++)
      for (let y = 0; y < 8; y++)
        for (let xx = 0; xx < 9; xx++)
          for (let c = 0; c < 3; c++) {
            const source = ((b * 4 + fold(y - 2, 4)) * 5 + fold(xx - 2, 5)) * 3 + c;
            expected[source]! += wValues[((b * 8 + y) * 9 + xx) * 3 + c]!;
          }
    expect([...grad.dataSync()]).toEqual([...expected]);
    tf.dispose([x, padded, reference, w, grad]);
  });

  it('keeps a history of fakes: stores until full, then swaps about half of the new ones for stored ones', () => {
    const store = new ParamStore();
    const pool = new HistoryPool(store, 'pool', 4, 1);
    const batch = (values: number[]) =>
      tf.tensor4d(
        values.flatMap((v) => [v, v, v]),
        [values.length, 1, 1, 3],
      );
    const shown = (values: number[], step: number) => {
      const fakes = batch(values);
      const out = pool.query(fakes, new SeededRandom(99, step));
      const firstChannel = [...out.dataSync()].filter((_, i) => i % 3 === 0);
      tf.dispose([fakes, out]);
      return firstChannel;
    };
    // Filling: each new fake is stored and shown as is.
    expect(shown([1, 2], 0)).toEqual([1, 2]);
    expect(shown([3, 4], 1)).toEqual([3, 4]);
    expect(pool.filled).toBe(4);
    // Full: over many steps, some new fakes come back as is, others are swapped for older ones.
    const seen = new Set<number>();
    let swapped = 0;
    for (let step = 2; step < 20; step++) {
      const values = [step * 10, step * 10 + 1];
      const out = shown(values, step);
      out.forEach((value, i) => {
        if (value !== values[i]) swapped += 1;
        seen.add(value);
      });
    }
    expect(swapped).toBeGreaterThan(5);
    expect(swapped).toBeLessThan(31);
    expect([...seen].some((value) => value < 10)).toBe(true); // an image from the first steps came back
    // The same draws give the same choices: the pool's randomness is the step's.
    const again = new HistoryPool(new ParamStore(), 'pool', 0, 1);
    const fakes = batch([5]);
    const passed = again.query(fakes, new SeededRandom(1));
    expect([...passed.dataSync()]).toEqual([5, 5, 5]);
    tf.dispose([fakes, passed]);
    store.dispose();
  });

  it('keeps the learning rate, then lowers it linearly to zero over the last part', () => {
    expect(learningRateDecay(0, 100, 0.5)).toBe(1);
    expect(learningRateDecay(49, 100, 0.5)).toBe(1);
    expect(learningRateDecay(50, 100, 0.5)).toBe(1);
    expect(learningRateDecay(75, 100, 0.5)).toBeCloseTo(0.5, 12);
    expect(learningRateDecay(99, 100, 0.5)).toBeCloseTo(0.02, 12);
    expect(learningRateDecay(99, 100, 1)).toBe(1);
  });
});
