import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../layers/param-store';
import type { SeededRandom } from '../../random/seeded-random';
import { addConv, conv } from './conv-layers';
import { addInstanceNorm, instanceNorm } from './instance-norm';

/*
 * PatchGAN (Isola et al.): a fully convolutional discriminator that scores each overlapping patch of the image
 * as real or fake instead of the whole image, so it judges texture and local detail and leaves the overall
 * layout to the L1 or cycle loss. With 3 stride-2 layers each output sees a 70x70 patch.
 */

export interface PatchDiscriminatorShape {
  /** 6 for pix2pix (input and output side by side in channels), 3 for CycleGAN. */
  inputChannels: number;
  width: number;
  maxChannels: number;
  /** Stride-2 layers; each halves the map and doubles the channels. */
  layers: number;
}

const KERNEL = 4;

function channelsAt(shape: PatchDiscriminatorShape, layer: number): number {
  return Math.min(shape.maxChannels, shape.width * 2 ** layer);
}

/** Adds the discriminator's weights under `prefix` (so two can share one store and one optimizer). */
export function addPatchDiscriminator(
  store: ParamStore,
  prefix: string,
  shape: PatchDiscriminatorShape,
  random: SeededRandom,
): void {
  let inChannels = shape.inputChannels;
  for (let i = 0; i <= shape.layers; i++) {
    const out = channelsAt(shape, i);
    // The first layer sees raw pixels and keeps a bias; the others are normalized.
    addConv(store, `${prefix}conv${i}`, { kernel: KERNEL, in: inChannels, out, bias: i === 0 }, random);
    if (i > 0) addInstanceNorm(store, `${prefix}norm${i}`, out, random);
    inChannels = out;
  }
  addConv(store, `${prefix}out`, { kernel: KERNEL, in: inChannels, out: 1, bias: true }, random);
}

/** Images [batch, size, size, channels] to patch scores [batch, size / 2^layers, size / 2^layers, 1] (logits). */
export function discriminatePatches(
  store: ParamStore,
  prefix: string,
  layers: number,
  images: tf.Tensor4D,
): tf.Tensor4D {
  let h = images;
  for (let i = 0; i <= layers; i++) {
    // The last hidden layer keeps the resolution, as in the paper's 70x70 PatchGAN.
    h = conv(store, `${prefix}conv${i}`, h, i < layers ? 2 : 1, 'same');
    if (i > 0) h = instanceNorm(store, `${prefix}norm${i}`, h);
    h = tf.leakyRelu(h, 0.2);
  }
  return conv(store, `${prefix}out`, h, 1, 'same');
}
