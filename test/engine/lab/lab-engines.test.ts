import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { labWeightsFile } from '../../../src-main/engine/lab/lab-weights-file';
import { HEAT_CELLS, DISPLAY_POINTS } from '../../../src-main/engine/lab/lab-probes';
import { planeGridCentres } from '../../../src-main/engine/lab/lab-plane';
import { PlainLabEngine } from '../../../src-main/engine/lab/plain-lab-engine';
import { TfjsLabEngine } from '../../../src-main/engine/lab/tfjs-lab-engine';
import { LabSession, initialEngineState } from '../../../src-main/engine/lab/lab-session';
import {
  engineParams,
  labConfig,
  layersModels,
  maxDifference,
  plainSession,
  tfjsSession,
  useLabBackend,
} from './lab-test-setup';

/*
 * The view trains with the plain engine because it is about 10x faster at this size (docs/performance.md); these
 * tests hold it to TensorFlow.js: the same weights after the same updates, and a heat map and manifold equal
 * to what tf.layers models holding the exported weights compute.
 */
describe('Lab engines: plain loops against TensorFlow.js', () => {
  beforeAll(useLabBackend);

  const settings = {
    'Adam, log loss, normal noise': {},
    'SGD, least squares, uniform noise, 2 D steps': {
      generatorOptimizer: 'sgd',
      discriminatorOptimizer: 'sgd',
      generatorLearningRate: 0.05,
      discriminatorLearningRate: 0.1,
      loss: 'least-squares',
      noise: 'uniform',
      discriminatorSteps: 2,
      latentSize: 2,
    },
    'Adam and SGD, the minimax game': {
      loss: 'minimax',
      discriminatorOptimizer: 'sgd',
      discriminatorLearningRate: 0.05,
    },
  } as const;

  for (const [name, overrides] of Object.entries(settings)) {
    it(`train to the same weights and losses: ${name}`, async () => {
      const config = labConfig({ ...overrides, generatorHidden: 9, discriminatorHidden: 11, seed: 5 });
      const plain = plainSession(config);
      const reference = await tfjsSession(config);
      for (let i = 0; i < 40; i++) {
        const a = plain.trainIteration();
        const b = reference.trainIteration();
        expect(a.discriminatorLoss).toBeCloseTo(b.discriminatorLoss!, 4);
        expect(a.generatorLoss).toBeCloseTo(b.generatorLoss!, 4);
        expect(a.realScore).toBeCloseTo(b.realScore!, 4);
      }
      const [plainG, plainD] = await engineParams(plain.engine);
      const [refG, refD] = await engineParams(reference.engine);
      expect(maxDifference(plainG!, refG!)).toBeLessThan(1e-4);
      expect(maxDifference(plainD!, refD!)).toBeLessThan(1e-4);
      reference.dispose();
    });
  }

  it("the heat map is D's output on its grid, the manifold G's output on the latent grid", async () => {
    const session = plainSession(labConfig({ latentSize: 3, seed: 2 }));
    for (let i = 0; i < 50; i++) session.trainIteration();
    const frame = session.frame();
    const file = labWeightsFile(session.config, await session.engine.exportState(), session.iteration);
    const { generator, discriminator } = layersModels(file);
    const grid = planeGridCentres(HEAT_CELLS);
    const heat = tf.tidy(() => discriminator.predict(tf.tensor2d(grid, [HEAT_CELLS ** 2, 2])) as tf.Tensor);
    expect(maxDifference(frame.heat, heat.dataSync())).toBeLessThan(1e-5);
    const count = frame.manifoldRows * frame.manifoldColumns;
    const latents = tf.tensor2d(session.probes.manifoldLatents, [count, 3]);
    const manifold = generator.predict(latents) as tf.Tensor;
    expect(maxDifference(frame.manifold, manifold.dataSync())).toBeLessThan(1e-5);
    // Row 0 of the heat map is the top of the plane: its first cell is the top-left corner.
    expect(grid[0]).toBeLessThan(0);
    expect(grid[1]).toBeGreaterThan(0);
    tf.dispose([heat, latents, manifold]);
    generator.dispose();
    discriminator.dispose();
  });

  it("the arrows are minus the gradient of G's loss at each point, as tf.grad computes it", async () => {
    const config = labConfig({ loss: 'least-squares', seed: 3 });
    const plain = plainSession(config);
    for (let i = 0; i < 30; i++) plain.trainIteration();
    const reference = new LabSession(
      config,
      await TfjsLabEngine.create(config, await plain.engine.exportState()),
    );
    const a = plain.frame();
    const b = reference.frame();
    expect(a.push.length).toBe(DISPLAY_POINTS * 2);
    expect(maxDifference(a.fakes, b.fakes)).toBeLessThan(1e-5);
    expect(maxDifference(a.push, b.push)).toBeLessThan(1e-4);
    reference.dispose();
  });

  it('hands a run over between engines mid-way, Adam moments included, and it continues the same', async () => {
    const config = labConfig({ seed: 9 });
    const straight = plainSession(config);
    const handedOver = plainSession(config);
    for (let i = 0; i < 20; i++) [straight, handedOver].forEach((s) => s.trainIteration());
    const tfjsEngine = await TfjsLabEngine.create(config, await handedOver.engine.exportState());
    handedOver.useEngine(tfjsEngine);
    for (let i = 0; i < 10; i++) [straight, handedOver].forEach((s) => s.trainIteration());
    handedOver.useEngine(new PlainLabEngine(config, await tfjsEngine.exportState()));
    tfjsEngine.dispose();
    for (let i = 0; i < 10; i++) [straight, handedOver].forEach((s) => s.trainIteration());
    const [a, b] = [await straight.engine.exportState(), await handedOver.engine.exportState()];
    expect(maxDifference(a.generator.params, b.generator.params)).toBeLessThan(1e-4);
    expect(b.discriminator.adam?.step).toBe(40);
    expect(maxDifference(a.discriminator.adam!.v, b.discriminator.adam!.v)).toBeLessThan(1e-6);
  });

  it('keeps the tensor count flat while training, probing and reconfiguring', async () => {
    const session = await tfjsSession(labConfig());
    session.trainIteration();
    session.frame();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      session.trainIteration();
      session.stepDiscriminator();
      session.stepGenerator();
      session.frame();
      session.measure();
      session.configure({
        ...session.config,
        generatorLearningRate: 0.01 * (i + 1),
        loss: i % 2 ? 'log' : 'least-squares',
      });
    }
    await session.engine.exportState();
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  });

  it('frees every tensor it made when disposed', async () => {
    const before = tf.memory().numTensors;
    const engine = await TfjsLabEngine.create(labConfig(), initialEngineState(labConfig()));
    engine.trainGenerator(new Float32Array(5 * 4), 4);
    engine.configure(labConfig({ generatorOptimizer: 'sgd' }));
    engine.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
