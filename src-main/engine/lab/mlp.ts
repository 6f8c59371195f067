import type { SeededRandom } from '../random/seeded-random';

/**
 * A one-hidden-layer perceptron, inputs -> Dense(hidden, relu) -> Dense(outputs, linear), written out over
 * Float32Arrays. At the Lab's sizes (a few hundred weights, batches of 128) TensorFlow.js spends nearly all
 * its time on per-op overhead: these loops run a training iteration about 10x faster (docs/performance.md),
 * and test/engine/lab/ proves they compute what the same network in TensorFlow.js computes.
 *
 * Weights live in one flat array in Keras's order and layout: kernel1 [inputs][hidden], bias1 [hidden],
 * kernel2 [hidden][outputs], bias2 [outputs]; so one loop updates them all and they export as Keras weights.
 */
export interface MlpShape {
  inputs: number;
  hidden: number;
  outputs: number;
}

export interface MlpOffsets {
  kernel1: number;
  bias1: number;
  kernel2: number;
  bias2: number;
  total: number;
}

export function mlpOffsets({ inputs, hidden, outputs }: MlpShape): MlpOffsets {
  const bias1 = inputs * hidden;
  const kernel2 = bias1 + hidden;
  const bias2 = kernel2 + hidden * outputs;
  return { kernel1: 0, bias1, kernel2, bias2, total: bias2 + outputs };
}

/**
 * Keras's initializers for the introduction's layers: he_uniform for the ReLU layer, Dense's default
 * glorot_uniform for the output layer, zero biases. (The same limits as engine/layers/initializers.ts, which
 * builds tfjs tensors; these are plain numbers so the renderer need not load tfjs.)
 */
export function initMlpParams(shape: MlpShape, random: SeededRandom): Float32Array {
  const at = mlpOffsets(shape);
  const params = new Float32Array(at.total);
  const heLimit = Math.sqrt(6 / shape.inputs);
  const glorotLimit = Math.sqrt(6 / (shape.hidden + shape.outputs));
  for (let i = at.kernel1; i < at.bias1; i++) params[i] = (random.next() * 2 - 1) * heLimit;
  for (let i = at.kernel2; i < at.bias2; i++) params[i] = (random.next() * 2 - 1) * glorotLimit;
  return params;
}

/**
 * Fills `hidden` (rows x hidden, after ReLU) and `output` (rows x outputs) for `rows` inputs. Loops run along
 * contiguous kernel rows (axpy order), which is what lets V8 keep this at about a nanosecond per multiply-add.
 */
export function mlpForward(
  shape: MlpShape,
  params: Float32Array,
  input: Float32Array,
  rows: number,
  hidden: Float32Array,
  output: Float32Array,
): void {
  const { inputs, hidden: width, outputs } = shape;
  const { kernel1, bias1, kernel2, bias2 } = mlpOffsets(shape);
  for (let r = 0; r < rows; r++) {
    const h = r * width;
    for (let j = 0; j < width; j++) hidden[h + j] = params[bias1 + j]!;
    for (let k = 0; k < inputs; k++) {
      const x = input[r * inputs + k]!;
      const w = kernel1 + k * width;
      for (let j = 0; j < width; j++) hidden[h + j]! += x * params[w + j]!;
    }
    for (let j = 0; j < width; j++) if (hidden[h + j]! < 0) hidden[h + j] = 0;
    const o = r * outputs;
    for (let j = 0; j < outputs; j++) output[o + j] = params[bias2 + j]!;
    for (let k = 0; k < width; k++) {
      const a = hidden[h + k]!;
      if (a === 0) continue;
      const w = kernel2 + k * outputs;
      for (let j = 0; j < outputs; j++) output[o + j]! += a * params[w + j]!;
    }
  }
}

/**
 * Backpropagates `gradOutput` (rows x outputs) through a forward pass that filled `hidden`: adds the weight
 * gradients into `gradParams`, and writes the input gradients into `gradInput` when one is given.
 * `gradHidden` is scratch space of rows x hidden.
 */
export function mlpBackward(
  shape: MlpShape,
  params: Float32Array,
  input: Float32Array,
  rows: number,
  hidden: Float32Array,
  gradOutput: Float32Array,
  gradParams: Float32Array,
  gradHidden: Float32Array,
  gradInput?: Float32Array,
): void {
  const { inputs, hidden: width, outputs } = shape;
  const { kernel1, bias1, kernel2, bias2 } = mlpOffsets(shape);
  for (let r = 0; r < rows; r++) {
    const h = r * width;
    const o = r * outputs;
    for (let j = 0; j < outputs; j++) gradParams[bias2 + j]! += gradOutput[o + j]!;
    for (let k = 0; k < width; k++) {
      const a = hidden[h + k]!;
      const w = kernel2 + k * outputs;
      // ReLU passes gradient only where it was active, as tfjs's relu gradient (step(x)) does.
      let back = 0;
      for (let j = 0; j < outputs; j++) {
        const g = gradOutput[o + j]!;
        gradParams[w + j]! += a * g;
        back += params[w + j]! * g;
      }
      gradHidden[h + k] = a > 0 ? back : 0;
    }
    for (let j = 0; j < width; j++) gradParams[bias1 + j]! += gradHidden[h + j]!;
    for (let k = 0; k < inputs; k++) {
      const x = input[r * inputs + k]!;
      const w = kernel1 + k * width;
      let back = 0;
      for (let j = 0; j < width; j++) {
        const g = gradHidden[h + j]!;
        gradParams[w + j]! += x * g;
        back += params[w + j]! * g;
      }
      if (gradInput) gradInput[r * inputs + k] = back;
    }
  }
}
