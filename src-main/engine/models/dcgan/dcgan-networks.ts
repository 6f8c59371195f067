import * as tf from '@tensorflow/tfjs';
import { addBatchNorm, batchNorm, type BatchStats } from '../../layers/batch-norm';
import { normalWeights } from '../../layers/initializers';
import { leakyRelu } from '../../layers/leaky-relu';
import { tanhBySigmoid } from '../../layers/tanh-by-sigmoid';
import { ParamStore } from '../../layers/param-store';
import type { SeededRandom } from '../../random/seeded-random';

/*
 * DCGAN (Radford et al.): the generator grows a 4x4 feature map to the image size with stride-2 transposed convs,
 * batch norm and ReLU, ending in tanh; the discriminator shrinks the image with stride-2 convs and leaky ReLU to
 * one logit. At 32 px with width 32 this is exactly the reference workload in ENVIRONMENT.md.
 */

export interface DcganShape {
  imageSize: number;
  latentSize: number;
  generatorWidth: number;
  discriminatorWidth: number;
  maxChannels: number;
}

const KERNEL = 4;
const INIT_STD = 0.02;
const LEAKY_SLOPE = 0.2;

/** Number of stride-2 stages between 4x4 and the image size. */
export function stageCount(imageSize: number): number {
  const stages = Math.log2(imageSize / 4);
  if (!Number.isInteger(stages) || stages < 1) throw new Error(`image size ${imageSize} is not 4 * 2^k`);
  return stages;
}

/** Channels of the generator's feature map at each resolution, from 4x4 up to (not including) the image. */
export function generatorChannels(shape: DcganShape): number[] {
  const stages = stageCount(shape.imageSize);
  return Array.from({ length: stages }, (_, i) =>
    Math.min(shape.maxChannels, shape.generatorWidth * 2 ** (stages - 1 - i)),
  );
}

/** Channels after each of the discriminator's stride-2 convs. */
export function discriminatorChannels(shape: DcganShape): number[] {
  const stages = stageCount(shape.imageSize);
  return Array.from({ length: stages }, (_, i) =>
    Math.min(shape.maxChannels, shape.discriminatorWidth * 2 ** i),
  );
}

export function buildGenerator(shape: DcganShape, random: SeededRandom): ParamStore {
  const store = new ParamStore();
  const channels = generatorChannels(shape);
  const first = channels[0]!;
  store.add('fc.w', normalWeights(random, [shape.latentSize, 4 * 4 * first], 0, INIT_STD));
  addBatchNorm(store, 'bn0', first, random);
  channels.forEach((inChannels, i) => {
    const last = i === channels.length - 1;
    const outChannels = last ? 3 : channels[i + 1]!;
    // conv2dTranspose filters are [height, width, out, in].
    store.add(`up${i}.w`, normalWeights(random, [KERNEL, KERNEL, outChannels, inChannels], 0, INIT_STD));
    if (last) store.add(`up${i}.b`, tf.zeros([3]));
    else addBatchNorm(store, `bn${i + 1}`, outChannels, random);
  });
  return store;
}

export function buildDiscriminator(shape: DcganShape, random: SeededRandom): ParamStore {
  const store = new ParamStore();
  let inChannels = 3;
  discriminatorChannels(shape).forEach((outChannels, i) => {
    store.add(`conv${i}.w`, normalWeights(random, [KERNEL, KERNEL, inChannels, outChannels], 0, INIT_STD));
    store.add(`conv${i}.b`, tf.zeros([outChannels]));
    inChannels = outChannels;
  });
  store.add('fc.w', normalWeights(random, [4 * 4 * inChannels, 1], 0, INIT_STD));
  store.add('fc.b', tf.zeros([1]));
  return store;
}

export interface GenerateOptions {
  training: boolean;
  /** Receives each batch-norm layer's batch statistics in training mode. */
  collectStats?: (stats: BatchStats) => void;
}

/** Latents [batch, latentSize] to images [batch, size, size, 3] in [-1, 1]. */
export function generate(store: ParamStore, latents: tf.Tensor2D, options: GenerateOptions): tf.Tensor4D {
  const { training, collectStats } = options;
  const batch = latents.shape[0];
  const stages = store.names().filter((name) => /^up\d+\.w$/.test(name)).length;
  const firstChannels = store.get('up0.w').shape[3]!;
  let h: tf.Tensor = tf
    .matMul(latents, store.get('fc.w') as tf.Tensor2D)
    .reshape([batch, 4, 4, firstChannels]);
  h = tf.relu(batchNorm(store, 'bn0', h, training, collectStats));
  let size = 4;
  for (let i = 0; i < stages; i++) {
    const filter = store.get(`up${i}.w`) as tf.Tensor4D;
    size *= 2;
    const up = tf.conv2dTranspose(h as tf.Tensor4D, filter, [batch, size, size, filter.shape[2]], 2, 'same');
    h =
      i === stages - 1
        ? tanhBySigmoid(tf.add(up, store.get(`up${i}.b`)))
        : tf.relu(batchNorm(store, `bn${i + 1}`, up, training, collectStats));
  }
  return h as tf.Tensor4D;
}

/** Images [batch, size, size, 3] to logits [batch, 1]. */
export function discriminate(store: ParamStore, images: tf.Tensor4D): tf.Tensor2D {
  const stages = store.names().filter((name) => /^conv\d+\.w$/.test(name)).length;
  let h: tf.Tensor4D = images;
  for (let i = 0; i < stages; i++) {
    // Not tf.fused.conv2d: while gradients are taken it is a custom-gradient op that computes every input's
    // gradient, needed or not (the images' in D's update, D's filters' in G's), which costs more than the
    // separate bias add it saves. The leaky ReLU has a cheaper gradient of the same value.
    const convolved = tf.conv2d(h, store.get(`conv${i}.w`) as tf.Tensor4D, 2, 'same');
    h = leakyRelu(tf.add(convolved, store.get(`conv${i}.b`)), LEAKY_SLOPE) as tf.Tensor4D;
  }
  const flat = h.reshape([h.shape[0], -1]) as tf.Tensor2D;
  return tf.add(tf.matMul(flat, store.get('fc.w') as tf.Tensor2D), store.get('fc.b')) as tf.Tensor2D;
}
