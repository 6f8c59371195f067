import type { LabConfig } from './lab-config';
import { discriminatorShape, generatorShape, type LabEngineState } from './lab-engine';
import { mlpOffsets, type MlpShape } from './mlp';

/**
 * The Lab's weights as a JSON file any Keras or TF.js user can load: each Dense layer's kernel as nested arrays
 * [inputs][units] and its bias, exactly what Keras's layer.get_weights() returns, so
 * model.set_weights([kernel1, bias1, kernel2, bias2]) restores the network (the exported snippets do this).
 */
export const LAB_WEIGHTS_FORMAT = 'gan-studio-lab-weights';

export interface DenseLayerWeights {
  units: number;
  activation: 'relu' | 'linear' | 'sigmoid';
  kernel: number[][];
  bias: number[];
}

export interface LabWeightsFile {
  format: typeof LAB_WEIGHTS_FORMAT;
  version: 1;
  /** The settings the weights were trained with; the snippets rebuild the same architecture from them. */
  config: LabConfig;
  iteration: number;
  generator: { inputs: number; layers: [DenseLayerWeights, DenseLayerWeights] };
  discriminator: { inputs: number; layers: [DenseLayerWeights, DenseLayerWeights] };
}

function rows(flat: Float32Array, start: number, count: number, width: number): number[][] {
  return Array.from({ length: count }, (_, r) =>
    Array.from(flat.subarray(start + r * width, start + (r + 1) * width)),
  );
}

function denseLayers(shape: MlpShape, params: Float32Array, output: 'linear' | 'sigmoid') {
  const at = mlpOffsets(shape);
  const layers: [DenseLayerWeights, DenseLayerWeights] = [
    {
      units: shape.hidden,
      activation: 'relu',
      kernel: rows(params, at.kernel1, shape.inputs, shape.hidden),
      bias: Array.from(params.subarray(at.bias1, at.kernel2)),
    },
    {
      units: shape.outputs,
      activation: output,
      kernel: rows(params, at.kernel2, shape.hidden, shape.outputs),
      bias: Array.from(params.subarray(at.bias2, at.total)),
    },
  ];
  return { inputs: shape.inputs, layers };
}

export function labWeightsFile(config: LabConfig, state: LabEngineState, iteration: number): LabWeightsFile {
  return {
    format: LAB_WEIGHTS_FORMAT,
    version: 1,
    config,
    iteration,
    // D's last layer is stored as Keras has it, with its sigmoid; the engines keep the logit internally.
    generator: denseLayers(generatorShape(config), state.generator.params, 'linear'),
    discriminator: denseLayers(discriminatorShape(config), state.discriminator.params, 'sigmoid'),
  };
}
