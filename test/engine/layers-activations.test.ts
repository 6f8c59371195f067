import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { leakyRelu } from '../../src-main/engine/layers/leaky-relu';
import { tanhBySigmoid } from '../../src-main/engine/layers/tanh-by-sigmoid';
import { useTestBackend } from '../helpers/test-backend';
import { seededValues } from './backends/parity-helpers';

async function bits(t: tf.Tensor): Promise<Uint32Array> {
  return new Uint32Array(((await t.data()) as Float32Array).slice().buffer);
}

describe('leakyRelu (x * step(x, alpha), with its own gradient)', () => {
  beforeAll(useTestBackend);

  it("gives tfjs's leakyRelu and its gradient bit for bit", async () => {
    const values = seededValues(4000, 9).map((v, i) => (i % 97 === 0 ? 0 : v * 10 ** ((i % 13) - 6)));
    const x = tf.tensor(values, [10, 20, 20]);
    const probe = tf.tensor(seededValues(4000, 10), [10, 20, 20]);
    const loss = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(f(t), probe));
    const ours = tf.grad(loss((t) => leakyRelu(t, 0.2)))(x);
    const theirs = tf.grad(loss((t) => tf.leakyRelu(t, 0.2)))(x);
    expect(await bits(leakyRelu(x, 0.2))).toEqual(await bits(tf.leakyRelu(x, 0.2)));
    expect(await bits(ours)).toEqual(await bits(theirs));
    tf.dispose([x, probe, ours, theirs]);
  });
});

describe('tanhBySigmoid', () => {
  beforeAll(useTestBackend);

  it('agrees with tf.tanh and its gradient to 1e-6', async () => {
    const x = tf.tensor(
      seededValues(3000, 11).map((v) => v * 6),
      [3000],
    );
    const probe = tf.tensor(seededValues(3000, 12), [3000]);
    const loss = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(f(t), probe));
    const pairs = [
      [tanhBySigmoid(x), tf.tanh(x)],
      [tf.grad(loss(tanhBySigmoid))(x), tf.grad(loss(tf.tanh))(x)],
    ] as const;
    for (const [ours, theirs] of pairs) {
      const worst = tf.max(tf.abs(tf.sub(ours, theirs)));
      expect(worst.dataSync()[0]).toBeLessThan(1e-6);
      tf.dispose([ours, theirs, worst]);
    }
    tf.dispose([x, probe]);
  });
});
