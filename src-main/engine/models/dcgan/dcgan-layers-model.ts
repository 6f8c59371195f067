import * as tf from '@tensorflow/tfjs';
import type { TensorValues } from '../gan-trainer';
import { BATCH_NORM_EPSILON } from '../../layers/batch-norm';
import type { DcganConfig } from './dcgan-config';
import { generatorChannels } from './dcgan-networks';

const PREFIX = 'averagedGenerator/';

/**
 * A DCGAN checkpoint's averaged generator as a standard TensorFlow.js LayersModel (Dense, BatchNormalization,
 * Conv2DTranspose, built-in activations), so anyone can load it with `tf.loadLayersModel` and make images
 * without GAN Studio. Input: latents [n, latentSize] drawn from a standard normal; output: images
 * [n, size, size, 3] in [-1, 1]. It computes what the studio's own sampler computes (tested).
 */
export function dcganGeneratorLayersModel(config: DcganConfig, tensors: TensorValues): tf.LayersModel {
  const channels = generatorChannels(config);
  // The layers copy these into their own variables; the copies are disposed once the model is built.
  const loaded: tf.Tensor[] = [];
  const weight = (name: string) => {
    const saved = tensors.get(PREFIX + name);
    if (!saved) throw new Error(`checkpoint has no ${PREFIX + name}`);
    const tensor = tf.tensor(saved.values, saved.shape);
    loaded.push(tensor);
    return tensor;
  };
  const batchNorm = (name: string) =>
    tf.layers.batchNormalization({
      name,
      epsilon: BATCH_NORM_EPSILON,
      weights: ['gamma', 'beta', 'mean', 'variance'].map((part) => weight(`${name}.${part}`)),
    });
  const model = tf.sequential({ name: 'dcgan_generator' });
  model.add(
    tf.layers.dense({
      name: 'fc',
      inputShape: [config.latentSize],
      units: 4 * 4 * channels[0]!,
      useBias: false,
      weights: [weight('fc.w')],
    }),
  );
  model.add(tf.layers.reshape({ targetShape: [4, 4, channels[0]!] }));
  model.add(batchNorm('bn0'));
  model.add(tf.layers.reLU());
  channels.forEach((_, i) => {
    const last = i === channels.length - 1;
    model.add(
      tf.layers.conv2dTranspose({
        name: `up${i}`,
        filters: last ? 3 : channels[i + 1]!,
        kernelSize: 4,
        strides: 2,
        padding: 'same',
        useBias: last,
        weights: last ? [weight(`up${i}.w`), weight(`up${i}.b`)] : [weight(`up${i}.w`)],
      }),
    );
    if (last) model.add(tf.layers.activation({ activation: 'tanh' }));
    else {
      model.add(batchNorm(`bn${i + 1}`));
      model.add(tf.layers.reLU());
    }
  });
  tf.dispose(loaded);
  return model;
}
