import * as tf from '@tensorflow/tfjs';
import { type LabConfig, type LabConfigInput, parseLabConfig } from '../../../src-main/engine/lab/lab-config';
import type { LabEngine } from '../../../src-main/engine/lab/lab-engine';
import { LabSession, initialEngineState } from '../../../src-main/engine/lab/lab-session';
import { PlainLabEngine } from '../../../src-main/engine/lab/plain-lab-engine';
import { TfjsLabEngine } from '../../../src-main/engine/lab/tfjs-lab-engine';
import type { LabWeightsFile } from '../../../src-main/engine/lab/lab-weights-file';

/**
 * The Lab's TensorFlow.js engine runs in the renderer on the cpu backend (see docs/overview.md), so its tests
 * use that backend rather than the engine tests' wasm.
 */
export async function useLabBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function labConfig(overrides: LabConfigInput = {}): LabConfig {
  return parseLabConfig(overrides);
}

export function plainSession(config: LabConfig): LabSession {
  return new LabSession(config, new PlainLabEngine(config, initialEngineState(config)));
}

export async function tfjsSession(config: LabConfig): Promise<LabSession> {
  return new LabSession(config, await TfjsLabEngine.create(config, initialEngineState(config)));
}

export async function engineParams(engine: LabEngine): Promise<Float32Array[]> {
  const state = await engine.exportState();
  return [state.generator.params, state.discriminator.params];
}

/** The introduction's networks as Keras-style tf.layers models, holding the weights of an exported file. */
export function layersModels(file: LabWeightsFile): {
  generator: tf.Sequential;
  discriminator: tf.Sequential;
} {
  const build = (net: LabWeightsFile['generator']) => {
    const [hidden, output] = net.layers;
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [net.inputs], units: hidden.units, activation: 'relu' }),
        tf.layers.dense({ units: output.units, activation: output.activation }),
      ],
    });
    const weights = net.layers.flatMap((layer) => [tf.tensor2d(layer.kernel), tf.tensor1d(layer.bias)]);
    model.setWeights(weights);
    tf.dispose(weights);
    return model;
  };
  return { generator: build(file.generator), discriminator: build(file.discriminator) };
}

/** Largest absolute difference between two arrays of the same length. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
