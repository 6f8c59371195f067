import * as tf from '@tensorflow/tfjs';

/**
 * tf.leakyRelu(x, alpha), bit for bit, from cheaper kernels: x * step(x, alpha), where step is 1 above zero and
 * alpha elsewhere, so each output is x * 1 or x * alpha rounded once, exactly as LeakyRelu rounds it. The same
 * step tensor is the gradient's factor: dy * 1 or dy * alpha, which is what tfjs's own gradient
 * where(x > 0, dy, dy * alpha) gives. On wasm this is a Step and a Multiply (each well under a millisecond on a
 * DCGAN activation) forward and one Multiply backward, against LeakyRelu's scalar loop forward and a Greater, a
 * Multiply and a Select backward.
 */
export function leakyRelu(x: tf.Tensor, alpha: number): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const slope = tf.step(input, alpha);
    save([slope]);
    return {
      value: tf.mul(input, slope),
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, saved!),
    };
  });
  return op(x);
}
