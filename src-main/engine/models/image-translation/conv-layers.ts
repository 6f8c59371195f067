import * as tf from '@tensorflow/tfjs';
import { normalWeights } from '../../layers/initializers';
import type { ParamStore } from '../../layers/param-store';
import type { SeededRandom } from '../../random/seeded-random';

/*
 * Convolution weights for the image-to-image networks, named `<name>.w` (and `<name>.b`), initialized from
 * N(0, 0.02) as in pix2pix and CycleGAN.
 */

const INIT_STD = 0.02;

export interface FilterShape {
  kernel: number;
  in: number;
  out: number;
  /** A zero bias; left out when a normalization layer follows (its beta is the bias). */
  bias: boolean;
}

/** A conv filter [k, k, in, out]. */
export function addConv(store: ParamStore, name: string, shape: FilterShape, random: SeededRandom): void {
  addFilter(store, name, [shape.kernel, shape.kernel, shape.in, shape.out], shape, random);
}

/** A transposed conv filter, [k, k, out, in] in tfjs's layout. */
export function addTransposedConv(
  store: ParamStore,
  name: string,
  shape: FilterShape,
  random: SeededRandom,
): void {
  addFilter(store, name, [shape.kernel, shape.kernel, shape.out, shape.in], shape, random);
}

function addFilter(
  store: ParamStore,
  name: string,
  dims: number[],
  shape: FilterShape,
  random: SeededRandom,
) {
  store.add(`${name}.w`, normalWeights(random, dims, 0, INIT_STD));
  if (shape.bias) store.add(`${name}.b`, tf.zeros([shape.out]));
}

export function conv(
  store: ParamStore,
  name: string,
  x: tf.Tensor4D,
  stride: number,
  pad: 'same' | 'valid',
): tf.Tensor4D {
  const y = tf.conv2d(x, store.get(`${name}.w`) as tf.Tensor4D, stride, pad);
  return store.names().includes(`${name}.b`) ? tf.add(y, store.get(`${name}.b`)) : y;
}

/** Doubles the height and width. */
export function upConv(store: ParamStore, name: string, x: tf.Tensor4D): tf.Tensor4D {
  const filter = store.get(`${name}.w`) as tf.Tensor4D;
  const [batch, height, width] = x.shape;
  const y = tf.conv2dTranspose(x, filter, [batch, height * 2, width * 2, filter.shape[2]], 2, 'same');
  return store.names().includes(`${name}.b`) ? tf.add(y, store.get(`${name}.b`)) : y;
}
