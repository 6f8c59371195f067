import * as tf from '@tensorflow/tfjs';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type OptimizerName } from './lab-config';
import type { NetworkState } from './lab-engine';
import { mlpOffsets, type MlpShape } from './mlp';

/**
 * One of the Lab's networks as TensorFlow.js variables (kernel1, bias1, kernel2, bias2, the layout of mlp.ts)
 * with a tf.train optimizer, and the conversions between them and the engines' flat NetworkState.
 */

/** Splits a flat Keras-order array into the four tensors of a network (see mlp.ts). */
function splitFlat(shape: MlpShape, flat: Float32Array): tf.Tensor[] {
  const at = mlpOffsets(shape);
  return [
    tf.tensor2d(flat.slice(at.kernel1, at.bias1), [shape.inputs, shape.hidden]),
    tf.tensor1d(flat.slice(at.bias1, at.kernel2)),
    tf.tensor2d(flat.slice(at.kernel2, at.bias2), [shape.hidden, shape.outputs]),
    tf.tensor1d(flat.slice(at.bias2, at.total)),
  ];
}

function joinFlat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  return name === 'adam'
    ? tf.train.adam(learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON)
    : tf.train.sgd(learningRate);
}

export class TfjsNetwork {
  readonly variables: tf.Variable[];
  readonly inputs: number;
  private optimizer: tf.Optimizer;
  private optimizerName: OptimizerName;

  private constructor(
    private readonly shape: MlpShape,
    params: Float32Array,
    optimizerName: OptimizerName,
    learningRate: number,
  ) {
    this.variables = splitFlat(shape, params).map((tensor) => {
      const variable = tf.variable(tensor);
      tensor.dispose();
      return variable;
    });
    this.inputs = shape.inputs;
    this.optimizerName = optimizerName;
    this.optimizer = createOptimizer(optimizerName, learningRate);
  }

  /** Async because tf.train.adam takes back its state asynchronously; no step may run before it has. */
  static async create(
    shape: MlpShape,
    state: NetworkState,
    optimizerName: OptimizerName,
    learningRate: number,
  ): Promise<TfjsNetwork> {
    const network = new TfjsNetwork(shape, state.params, optimizerName, learningRate);
    if (optimizerName === 'adam' && state.adam)
      await network.restoreAdam(state.adam.step, state.adam.m, state.adam.v);
    return network;
  }

  /** The linear output (G's point, D's logit) for a batch. */
  apply(x: tf.Tensor): tf.Tensor2D {
    const [kernel1, bias1, kernel2, bias2] = this.variables as [
      tf.Variable,
      tf.Variable,
      tf.Variable,
      tf.Variable,
    ];
    return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, kernel1), bias1)), kernel2), bias2);
  }

  /** One optimizer step on `loss` over this network's weights; returns the loss before the step. */
  train(loss: () => tf.Scalar): tf.Scalar {
    const { value, grads } = tf.variableGrads(loss, this.variables);
    // An array keeps the optimizer's moments in our variable order, which exportState relies on.
    this.optimizer.applyGradients(this.variables.map((v) => ({ name: v.name, tensor: grads[v.name]! })));
    tf.dispose(Object.values(grads));
    return value;
  }

  configure(optimizerName: OptimizerName, learningRate: number): void {
    if (optimizerName !== this.optimizerName) {
      this.optimizer.dispose();
      this.optimizer = createOptimizer(optimizerName, learningRate);
      this.optimizerName = optimizerName;
    }
    // Not instanceof: tf.Optimizer's Symbol.hasInstance calls any optimizer an instance of every subclass.
    if (this.optimizerName === 'sgd') (this.optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
    // AdamOptimizer reads this field at every step but declares it protected; a new optimizer would lose its
    // moments, which a learning-rate change must not.
    else (this.optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  }

  async state(): Promise<NetworkState> {
    const params = joinFlat(
      await Promise.all(this.variables.map(async (v) => (await v.data()) as Float32Array)),
    );
    if (this.optimizerName !== 'adam') return { params };
    // The moments are the optimizer's own variables; only the iteration scalar is a new tensor.
    const [iterations, ...moments] = await this.optimizer.getWeights();
    if (!iterations) return { params };
    const step = (await iterations.tensor.data())[0]!;
    iterations.tensor.dispose();
    if (moments.length === 0) return { params };
    const values = await Promise.all(moments.map(async (m) => (await m.tensor.data()) as Float32Array));
    const half = values.length / 2;
    return { params, adam: { step, m: joinFlat(values.slice(0, half)), v: joinFlat(values.slice(half)) } };
  }

  dispose(): void {
    this.optimizer.dispose();
    tf.dispose(this.variables);
  }

  private async restoreAdam(step: number, m: Float32Array, v: Float32Array): Promise<void> {
    const first = splitFlat(this.shape, m);
    const second = splitFlat(this.shape, v);
    const iterations = tf.scalar(step, 'int32');
    const named = (tensors: tf.Tensor[], suffix: string) =>
      tensors.map((tensor, i) => ({ name: `${this.variables[i]!.name}/${suffix}`, tensor }));
    try {
      await this.optimizer.setWeights([
        { name: 'iter', tensor: iterations },
        ...named(first, 'm'),
        ...named(second, 'v'),
      ]);
    } finally {
      // The optimizer made its own variables from these.
      tf.dispose([iterations, ...first, ...second]);
    }
  }
}
