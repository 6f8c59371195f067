import * as tf from '@tensorflow/tfjs';
import { addBatchNorm, batchNorm, type BatchStats } from '../../layers/batch-norm';
import type { ParamStore } from '../../layers/param-store';
import type { SeededRandom } from '../../random/seeded-random';
import { addConv, addTransposedConv, conv, upConv } from '../image-translation/conv-layers';
import { reflectPad } from '../image-translation/reflect-pad';

/*
 * CycleGAN's generator (after Johnson et al.): a 7x7 conv, two stride-2 convs down, residual blocks at a
 * quarter of the size, two stride-2 transposed convs up and a 7x7 conv to RGB. Mirror padding instead of
 * zeros keeps borders from looking different from the inside.
 */

export interface ResnetShape {
  generatorWidth: number;
  maxChannels: number;
  residualBlocks: number;
}

function channels(shape: ResnetShape, level: number): number {
  return Math.min(shape.maxChannels, shape.generatorWidth * 2 ** level);
}

/** Adds one generator's weights under `prefix` (both directions share one store and one optimizer). */
export function addResnetGenerator(
  store: ParamStore,
  prefix: string,
  shape: ResnetShape,
  random: SeededRandom,
): void {
  const convNorm = (name: string, kernel: number, inChannels: number, out: number) => {
    addConv(store, `${prefix}${name}`, { kernel, in: inChannels, out, bias: false }, random);
    addBatchNorm(store, `${prefix}${name}.norm`, out, random);
  };
  convNorm('in', 7, 3, channels(shape, 0));
  convNorm('down1', 3, channels(shape, 0), channels(shape, 1));
  convNorm('down2', 3, channels(shape, 1), channels(shape, 2));
  const inner = channels(shape, 2);
  for (let r = 0; r < shape.residualBlocks; r++) {
    convNorm(`res${r}.a`, 3, inner, inner);
    convNorm(`res${r}.b`, 3, inner, inner);
  }
  for (const [name, from, to] of [
    ['up2', 2, 1],
    ['up1', 1, 0],
  ] as const) {
    addTransposedConv(
      store,
      `${prefix}${name}`,
      { kernel: 3, in: channels(shape, from), out: channels(shape, to), bias: false },
      random,
    );
    addBatchNorm(store, `${prefix}${name}.norm`, channels(shape, to), random);
  }
  addConv(store, `${prefix}out`, { kernel: 7, in: channels(shape, 0), out: 3, bias: true }, random);
}

export interface ResnetOptions {
  training: boolean;
  /** Receives each batch-norm layer's batch statistics in training mode. */
  collectStats?: (stats: BatchStats) => void;
}

/** Images [batch, size, size, 3] in [-1, 1] to translated images of the same shape. */
export function runResnetGenerator(
  store: ParamStore,
  prefix: string,
  images: tf.Tensor4D,
  options: ResnetOptions,
): tf.Tensor4D {
  const norm = (name: string, x: tf.Tensor4D) =>
    batchNorm(store, `${prefix}${name}.norm`, x, options.training, options.collectStats) as tf.Tensor4D;
  const residualBlocks = store
    .names()
    .filter((name) => name.startsWith(`${prefix}res`) && name.endsWith('.a.w')).length;

  let h = tf.relu(norm('in', conv(store, `${prefix}in`, reflectPad(images, 3), 1, 'valid')));
  h = tf.relu(norm('down1', conv(store, `${prefix}down1`, h, 2, 'same')));
  h = tf.relu(norm('down2', conv(store, `${prefix}down2`, h, 2, 'same')));
  for (let r = 0; r < residualBlocks; r++) {
    let y = tf.relu(norm(`res${r}.a`, conv(store, `${prefix}res${r}.a`, reflectPad(h, 1), 1, 'valid')));
    y = norm(`res${r}.b`, conv(store, `${prefix}res${r}.b`, reflectPad(y, 1), 1, 'valid'));
    h = tf.add(h, y);
  }
  h = tf.relu(norm('up2', upConv(store, `${prefix}up2`, h)));
  h = tf.relu(norm('up1', upConv(store, `${prefix}up1`, h)));
  return tf.tanh(conv(store, `${prefix}out`, reflectPad(h, 3), 1, 'valid'));
}
