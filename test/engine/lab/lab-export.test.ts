import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kerasSnippet } from '../../../src-main/engine/lab/keras-snippet';
import { labWeightsFile } from '../../../src-main/engine/lab/lab-weights-file';
import { tfjsSnippet } from '../../../src-main/engine/lab/tfjs-snippet';
import { labConfig, maxDifference, plainSession, useLabBackend } from './lab-test-setup';

/** Inside the repository, so the snippet's import of '@tensorflow/tfjs' resolves to ours. */
const OUTPUT = path.resolve('test-output/lab-export');

describe('Lab export', () => {
  beforeAll(async () => {
    await useLabBackend();
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(() => rmSync(OUTPUT, { recursive: true, force: true }));

  it('writes Keras-layout weights: kernels [inputs][units], biases, activations', async () => {
    const session = plainSession(labConfig({ latentSize: 3, generatorHidden: 7 }));
    session.trainIteration();
    const file = labWeightsFile(session.config, await session.engine.exportState(), session.iteration);
    const [hidden, output] = file.generator.layers;
    expect(hidden.kernel).toHaveLength(3);
    expect(hidden.kernel[0]).toHaveLength(7);
    expect(output.kernel).toHaveLength(7);
    expect(output.bias).toHaveLength(2);
    expect(file.discriminator.layers.map((layer) => layer.activation)).toEqual(['relu', 'sigmoid']);
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
  });

  it('the TF.js snippet builds the same networks, loads the weights file, and trains', async () => {
    const config = labConfig({ latentSize: 4, generatorHidden: 12, loss: 'minimax', noise: 'uniform' });
    const session = plainSession(config);
    for (let i = 0; i < 20; i++) session.trainIteration();
    const file = labWeightsFile(config, await session.engine.exportState(), session.iteration);
    const modulePath = path.join(OUTPUT, 'snippet.mjs');
    writeFileSync(modulePath, tfjsSnippet(config));
    const snippet = await import(/* @vite-ignore */ pathToFileURL(modulePath).href);
    snippet.loadLabWeights(JSON.parse(JSON.stringify(file)));
    const ours = session.frame();
    const count = ours.manifoldRows * ours.manifoldColumns;
    const theirs = tf.tidy(() =>
      (
        snippet.generator.predict(tf.tensor2d(session.probes.manifoldLatents, [count, 4])) as tf.Tensor
      ).dataSync(),
    );
    expect(maxDifference(ours.manifold, theirs)).toBeLessThan(1e-5);
    const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => w.dataSync().slice());
    const [gBefore, dBefore] = [weightsOf(snippet.generator), weightsOf(snippet.discriminator)];
    const [dLoss, gLoss] = await snippet.trainIteration((n: number) => tf.randomNormal([n, 2]));
    expect(Number.isFinite(dLoss) && Number.isFinite(gLoss)).toBe(true);
    // Both networks learned in their own steps (D is frozen only inside the combined model).
    expect(weightsOf(snippet.generator)[0]).not.toEqual(gBefore[0]);
    expect(weightsOf(snippet.discriminator)[0]).not.toEqual(dBefore[0]);
  });

  it('the Keras snippet carries the settings and is valid Python, for every loss', () => {
    const config = labConfig({
      discriminatorOptimizer: 'sgd',
      discriminatorLearningRate: 0.05,
      discriminatorSteps: 3,
    });
    const code = kerasSnippet(config);
    expect(code).toContain('layers.Dense(15, activation="relu", kernel_initializer="he_uniform")');
    expect(code).toContain('layers.Dense(25, activation="relu", kernel_initializer="he_uniform")');
    expect(code).toContain('keras.optimizers.SGD(learning_rate=0.05)');
    expect(code).toContain('keras.optimizers.Adam(learning_rate=0.003)');
    expect(code).toContain('D_STEPS, G_STEPS = 3, 1');
    expect(kerasSnippet(labConfig({ loss: 'least-squares' }))).toContain('loss="mse"');
    expect(kerasSnippet(labConfig({ loss: 'minimax' }))).toContain('tf.math.log(1.0 - d');
    for (const loss of ['log', 'least-squares', 'minimax'] as const) {
      const python = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
        input: kerasSnippet(labConfig({ loss, noise: 'uniform' })),
      });
      if (python.error) {
        console.warn('python3 not found: skipped the Python syntax check of the Keras snippet');
        return;
      }
      expect(python.stderr.toString()).toBe('');
      expect(python.status).toBe(0);
    }
  });
});
