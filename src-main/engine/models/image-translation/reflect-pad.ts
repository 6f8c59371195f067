import * as tf from '@tensorflow/tfjs';

/**
 * Pads height and width by mirroring the image at its edges (without repeating the edge pixel), as CycleGAN's
 * generator does so its borders look like the inside. Built from slices, reversals and concats rather than
 * tf.mirrorPad because tfjs 4.22's MirrorPad gradient drops the part of the gradient that reaches the
 * mirrored pixels: training through it would learn wrong borders.
 */
export function reflectPad(x: tf.Tensor4D, padding: number): tf.Tensor4D {
  if (padding === 0) return x;
  const [, height, width] = x.shape;
  if (padding >= height || padding >= width) {
    throw new Error(`can't mirror-pad a ${height}x${width} feature map by ${padding}`);
  }
  return padAxis(padAxis(x, 1, padding), 2, padding);
}

function padAxis(x: tf.Tensor4D, axis: 1 | 2, padding: number): tf.Tensor4D {
  const length = x.shape[axis];
  const slab = (start: number) => {
    const begin = [0, 0, 0, 0];
    const size = [-1, -1, -1, -1];
    begin[axis] = start;
    size[axis] = padding;
    return tf.reverse(tf.slice(x, begin, size), axis);
  };
  return tf.concat([slab(1), x, slab(length - 1 - padding)], axis);
}
