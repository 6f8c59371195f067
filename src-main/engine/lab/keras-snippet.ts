import type { LabConfig, OptimizerName } from './lab-config';

/**
 * The Lab's GAN as a short Keras script: the introduction's architecture with the chosen sizes, optimizers,
 * learning rates, loss, noise and steps per iteration, and a loader for the weights file (lab-weights-file.ts).
 * Keras's binary cross-entropy and mse on D's sigmoid are the Lab's log and least-squares losses; the minimax
 * game gives G a loss of its own.
 */
function kerasOptimizer(name: OptimizerName, learningRate: number): string {
  return name === 'adam'
    ? `keras.optimizers.Adam(learning_rate=${learningRate})`
    : `keras.optimizers.SGD(learning_rate=${learningRate})`;
}

/** G's loss in the combined model, which is trained with every label 1. */
const KERAS_GENERATOR_LOSS = {
  log: '"binary_crossentropy"',
  'least-squares': '"mse"',
  // The minimax game: G minimizes log(1 - D(G(z))); the labels are ignored.
  minimax: 'lambda _, d: tf.reduce_mean(tf.math.log(1.0 - d + 1e-7))',
} as const;

export function kerasSnippet(config: LabConfig): string {
  const loss = config.loss === 'least-squares' ? '"mse"' : '"binary_crossentropy"';
  const noise =
    config.noise === 'normal'
      ? 'np.random.randn(n, LATENT_SIZE)'
      : 'np.random.uniform(-1.0, 1.0, size=(n, LATENT_SIZE))';
  return `# GAN Studio Lab: the 2-D GAN with the settings it was trained with (${config.loss} loss).
import json

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

LATENT_SIZE = ${config.latentSize}
D_STEPS, G_STEPS = ${config.discriminatorSteps}, ${config.generatorSteps}

generator = keras.Sequential([
    keras.Input(shape=(LATENT_SIZE,)),
    layers.Dense(${config.generatorHidden}, activation="relu", kernel_initializer="he_uniform"),
    layers.Dense(2, activation="linear"),
])
discriminator = keras.Sequential([
    keras.Input(shape=(2,)),
    layers.Dense(${config.discriminatorHidden}, activation="relu", kernel_initializer="he_uniform"),
    layers.Dense(1, activation="sigmoid"),
])
discriminator.compile(optimizer=${kerasOptimizer(config.discriminatorOptimizer, config.discriminatorLearningRate)}, loss=${loss})
# G trains through a frozen D: freeze before compiling the combined model.
discriminator.trainable = False
gan = keras.Sequential([generator, discriminator])
gan.compile(optimizer=${kerasOptimizer(config.generatorOptimizer, config.generatorLearningRate)}, loss=${KERAS_GENERATOR_LOSS[config.loss]})


def latent_points(n):
    return ${noise}


def train_iteration(sample_real, batch_size=${config.batchSize}):
    """sample_real(n) returns n real points, shape (n, 2)."""
    half = batch_size // 2
    labels = np.concatenate([np.ones((half, 1)), np.zeros((half, 1))])
    for _ in range(D_STEPS):
        fake = generator.predict(latent_points(half), verbose=0)
        d_loss = discriminator.train_on_batch(np.concatenate([sample_real(half), fake]), labels)
    for _ in range(G_STEPS):
        g_loss = gan.train_on_batch(latent_points(batch_size), np.ones((batch_size, 1)))
    return d_loss, g_loss


def load_lab_weights(path):
    """Loads a weights file exported from the Lab into both networks."""
    with open(path) as file:
        saved = json.load(file)
    for model, key in ((generator, "generator"), (discriminator, "discriminator")):
        model.set_weights([np.array(w, dtype="float32") for layer in saved[key]["layers"] for w in (layer["kernel"], layer["bias"])])
`;
}
