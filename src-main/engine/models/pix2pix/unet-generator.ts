import * as tf from '@tensorflow/tfjs';
import { addBatchNorm, batchNorm, type BatchStats } from '../../layers/batch-norm';
import { ParamStore } from '../../layers/param-store';
import type { SeededRandom } from '../../random/seeded-random';
import { addConv, addTransposedConv, conv, upConv } from '../image-translation/conv-layers';
import { seededDropout } from '../image-translation/seeded-dropout';

/*
 * pix2pix's U-Net: an encoder of stride-2 convs down to 1x1 and a decoder of stride-2 transposed convs back up,
 * each decoder layer also fed the encoder's map of the same size (the skip connections), so detail that the
 * input and output share (edges, where the windows are) passes straight across instead of through the 1x1
 * bottleneck.
 */

export interface UNetShape {
  imageSize: number;
  generatorWidth: number;
  maxChannels: number;
}

const KERNEL = 4;

/** Stride-2 layers from the image down to 1x1. */
export function unetDepth(imageSize: number): number {
  const depth = Math.log2(imageSize);
  if (!Number.isInteger(depth) || depth < 3)
    throw new Error(`U-Net image size ${imageSize} is not a power of 2`);
  return depth;
}

/** Channels of encoder layer i's output (and of decoder layer i + 1's). */
export function unetChannels(shape: UNetShape): number[] {
  return Array.from({ length: unetDepth(shape.imageSize) }, (_, i) =>
    Math.min(shape.maxChannels, shape.generatorWidth * 2 ** i),
  );
}

/** The decoder layers with dropout: the three after the innermost, as in the paper. */
function hasDropout(layer: number, depth: number): boolean {
  return layer >= 1 && layer >= depth - 4 && layer <= depth - 2;
}

export function buildUNet(shape: UNetShape, random: SeededRandom): ParamStore {
  const store = new ParamStore();
  const channels = unetChannels(shape);
  const depth = channels.length;
  channels.forEach((out, i) => {
    const inChannels = i === 0 ? 3 : channels[i - 1]!;
    // The first layer sees pixels and the innermost a 1x1 map, so neither is normalized (as in the paper).
    const normalized = i > 0 && i < depth - 1;
    addConv(store, `down${i}`, { kernel: KERNEL, in: inChannels, out, bias: !normalized }, random);
    if (normalized) addBatchNorm(store, `downNorm${i}`, out, random);
  });
  for (let i = depth - 1; i >= 0; i--) {
    const inChannels = i === depth - 1 ? channels[i]! : 2 * channels[i]!;
    const out = i === 0 ? 3 : channels[i - 1]!;
    addTransposedConv(store, `up${i}`, { kernel: KERNEL, in: inChannels, out, bias: i === 0 }, random);
    if (i > 0) addBatchNorm(store, `upNorm${i}`, out, random);
  }
  return store;
}

export interface UNetOptions {
  training: boolean;
  /** Receives each batch-norm layer's batch statistics in training mode. */
  collectStats?: (stats: BatchStats) => void;
  /** Training only: dropout on the inner decoder layers, the generator's noise. */
  dropout?: { rate: number; random: SeededRandom };
}

/** Images [batch, size, size, 3] in [-1, 1] to translated images of the same shape. */
export function runUNet(store: ParamStore, images: tf.Tensor4D, options: UNetOptions): tf.Tensor4D {
  const depth = unetDepth(images.shape[1]);
  const norm = (name: string, x: tf.Tensor4D) =>
    batchNorm(store, name, x, options.training, options.collectStats) as tf.Tensor4D;
  const skips: tf.Tensor4D[] = [];
  let h = images;
  for (let i = 0; i < depth; i++) {
    h = conv(store, `down${i}`, i === 0 ? h : tf.leakyRelu(h, 0.2), 2, 'same');
    if (i > 0 && i < depth - 1) h = norm(`downNorm${i}`, h);
    skips.push(h);
  }
  for (let i = depth - 1; i >= 0; i--) {
    const input = i === depth - 1 ? skips[i]! : tf.concat([h, skips[i]!], 3);
    h = upConv(store, `up${i}`, tf.relu(input));
    if (i === 0) return tf.tanh(h);
    h = norm(`upNorm${i}`, h);
    if (options.training && options.dropout && hasDropout(i, depth)) {
      h = seededDropout(h, options.dropout.rate, options.dropout.random);
    }
  }
  throw new Error('unreachable: the U-Net always ends at layer 0');
}
