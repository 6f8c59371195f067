import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src-main/engine/random/seeded-random';
import { type AugmentSettings, diffAugment } from '../../src-main/engine/training/diff-augment';
import { useTestBackend } from '../helpers/test-backend';

const none: AugmentSettings = {
  color: false,
  translation: false,
  cutout: false,
  translationRatio: 0.125,
  cutoutRatio: 0.5,
};

function ramp(batch: number, size: number): tf.Tensor4D {
  return tf.tidy(() =>
    tf
      .range(1, batch * size * size * 3 + 1)
      .div(batch * size * size * 3)
      .reshape([batch, size, size, 3]),
  );
}

describe('differentiable augmentation', () => {
  beforeAll(useTestBackend);

  it('shifts each image by a whole offset within the limit, filling with zeros', async () => {
    const size = 16;
    const x = ramp(3, size);
    const y = diffAugment(x, { ...none, translation: true, translationRatio: 0.25 }, new SeededRandom(1));
    const input = (await x.array()) as number[][][][];
    const output = (await y.array()) as number[][][][];
    for (let b = 0; b < 3; b++) {
      // Find the shift that explains the output exactly.
      const shifts: [number, number][] = [];
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          let same = true;
          for (let i = 0; i < size && same; i++) {
            for (let j = 0; j < size && same; j++) {
              const si = i + dy;
              const sj = j + dx;
              const expected = si >= 0 && si < size && sj >= 0 && sj < size ? input[b]![si]![sj]![0]! : 0;
              same = Math.abs(output[b]![i]![j]![0]! - expected) < 1e-6;
            }
          }
          if (same) shifts.push([dy, dx]);
        }
      }
      expect(shifts).toHaveLength(1);
    }
    tf.dispose([x, y]);
  });

  it('passes the gradient back exactly along the shift (a pixel shifted in gets its output gradient)', async () => {
    const x = ramp(3, 8);
    const settings = { ...none, translation: true, translationRatio: 0.25 };
    const probe = tf.tensor4d(
      Array.from({ length: 3 * 8 * 8 * 3 }, (_, i) => ((i * 37) % 101) / 101),
      [3, 8, 8, 3],
    );
    const shifted = diffAugment(x, settings, new SeededRandom(3));
    const grad = tf.grad((input) =>
      tf.sum(tf.mul(diffAugment(input as tf.Tensor4D, settings, new SeededRandom(3)), probe)),
    )(x);
    // out[p] = x[source(p)], so d/dx[q] = probe[p] for the output pixel p that q moved to, and 0 for pixels shifted out.
    const [inputs, outputs, probes, grads] = await Promise.all([
      x.data(),
      shifted.data(),
      probe.data(),
      grad.data(),
    ]);
    const expected = new Float32Array(grads.length);
    for (let p = 0; p < outputs.length; p++) {
      if (outputs[p] === 0) continue;
      const q = inputs.indexOf(outputs[p]!);
      expected[q] = expected[q]! + probes[p]!;
    }
    expect(Array.from(grads)).toEqual(Array.from(expected));
    tf.dispose([x, probe, shifted, grad]);
  });

  it('cuts out a square of about the configured size', async () => {
    const x = tf.ones([4, 16, 16, 3]) as tf.Tensor4D;
    const y = diffAugment(x, { ...none, cutout: true, cutoutRatio: 0.5 }, new SeededRandom(2));
    const values = await y.data();
    const zeros = values.filter((v) => v === 0).length / 3;
    // 4 images, an 8x8 square each at most (less where it hangs over the edge).
    expect(zeros).toBeGreaterThan(0);
    expect(zeros).toBeLessThanOrEqual(4 * 64);
    expect(values.every((v) => v === 0 || v === 1)).toBe(true);
    tf.dispose([x, y]);
  });

  it('is fixed by its random source and passes gradients to its input', async () => {
    const all = { color: true, translation: true, cutout: true, translationRatio: 0.125, cutoutRatio: 0.5 };
    const x = ramp(2, 16);
    const a = diffAugment(x, all, new SeededRandom(5, 1));
    const b = diffAugment(x, all, new SeededRandom(5, 1));
    const c = diffAugment(x, all, new SeededRandom(5, 2));
    expect(await a.data()).toEqual(await b.data());
    expect(await a.data()).not.toEqual(await c.data());
    const grad = tf.grad((input) =>
      diffAugment(input as tf.Tensor4D, all, new SeededRandom(5, 1))
        .square()
        .sum(),
    )(x);
    const g = await grad.data();
    expect(g.every(Number.isFinite)).toBe(true);
    expect(g.some((v) => v !== 0)).toBe(true);
    tf.dispose([x, a, b, c, grad]);
  });
});
