import type { LabConfig, OptimizerName } from './lab-config';

/**
 * The Lab's GAN as a short TensorFlow.js module (ES module, '@tensorflow/tfjs'): the same architecture and
 * settings as kerasSnippet, and a loader for the weights file. The tests import it and run it.
 */
function tfjsOptimizer(name: OptimizerName, learningRate: number): string {
  return name === 'adam' ? `tf.train.adam(${learningRate})` : `tf.train.sgd(${learningRate})`;
}

/** G's loss in the combined model, which is trained with every label 1. */
const TFJS_GENERATOR_LOSS = {
  log: "'binaryCrossentropy'",
  'least-squares': "'meanSquaredError'",
  // The minimax game: G minimizes log(1 - D(G(z))); the labels are ignored.
  minimax: '(_, d) => tf.mean(tf.log(tf.add(tf.sub(1, d), 1e-7)))',
} as const;

export function tfjsSnippet(config: LabConfig): string {
  const loss = config.loss === 'least-squares' ? "'meanSquaredError'" : "'binaryCrossentropy'";
  const noise =
    config.noise === 'normal'
      ? 'tf.randomNormal([n, LATENT_SIZE])'
      : 'tf.randomUniform([n, LATENT_SIZE], -1, 1)';
  return `// GAN Studio Lab: the 2-D GAN with the settings it was trained with (${config.loss} loss).
import * as tf from '@tensorflow/tfjs';

export const LATENT_SIZE = ${config.latentSize};
const D_STEPS = ${config.discriminatorSteps};
const G_STEPS = ${config.generatorSteps};

export const generator = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [LATENT_SIZE], units: ${config.generatorHidden}, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 2, activation: 'linear' }),
  ],
});
export const discriminator = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [2], units: ${config.discriminatorHidden}, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});
discriminator.compile({ optimizer: ${tfjsOptimizer(config.discriminatorOptimizer, config.discriminatorLearningRate)}, loss: ${loss} });
// G trains through a frozen D. Unlike Keras, TF.js checks the flag at every step, so it is set before each.
discriminator.trainable = false;
const z = tf.input({ shape: [LATENT_SIZE] });
export const gan = tf.model({ inputs: z, outputs: discriminator.apply(generator.apply(z)) });
gan.compile({ optimizer: ${tfjsOptimizer(config.generatorOptimizer, config.generatorLearningRate)}, loss: ${TFJS_GENERATOR_LOSS[config.loss]} });

const latentPoints = (n) => ${noise};

/** sampleReal(n) returns n real points as a tf.Tensor2D [n, 2]. Returns [D loss, G loss]. */
export async function trainIteration(sampleReal, batchSize = ${config.batchSize}) {
  const half = batchSize / 2;
  let dLoss;
  let gLoss;
  discriminator.trainable = true;
  for (let i = 0; i < D_STEPS; i++) {
    const [x, y] = tf.tidy(() => [
      tf.concat([sampleReal(half), generator.predict(latentPoints(half))]),
      tf.concat([tf.ones([half, 1]), tf.zeros([half, 1])]),
    ]);
    dLoss = await discriminator.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }
  discriminator.trainable = false;
  for (let i = 0; i < G_STEPS; i++) {
    const [x, y] = [latentPoints(batchSize), tf.ones([batchSize, 1])];
    gLoss = await gan.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }
  return [dLoss, gLoss];
}

/** Loads a weights file exported from the Lab (its parsed JSON) into both networks. */
export function loadLabWeights(saved) {
  for (const [model, key] of [[generator, 'generator'], [discriminator, 'discriminator']]) {
    const tensors = saved[key].layers.flatMap((layer) => [tf.tensor2d(layer.kernel), tf.tensor1d(layer.bias)]);
    model.setWeights(tensors);
    tf.dispose(tensors);
  }
}
`;
}
