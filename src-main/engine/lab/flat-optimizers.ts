import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type OptimizerName } from './lab-config';

/** Adam's running state over a flat weight array: its update count and both moments. */
export interface AdamState {
  step: number;
  m: Float32Array;
  v: Float32Array;
}

/** An optimizer over one flat weight array; the update rules are tf.train.sgd's and tf.train.adam's. */
export interface FlatOptimizer {
  readonly name: OptimizerName;
  learningRate: number;
  apply(params: Float32Array, grads: Float32Array): void;
  /** Adam's state, for export and for handing over to the TensorFlow.js engine; undefined for SGD. */
  adamState(): AdamState | undefined;
}

class FlatSgd implements FlatOptimizer {
  readonly name = 'sgd';
  constructor(public learningRate: number) {}

  apply(params: Float32Array, grads: Float32Array): void {
    for (let i = 0; i < params.length; i++) params[i]! -= this.learningRate * grads[i]!;
  }

  adamState(): undefined {
    return undefined;
  }
}

class FlatAdam implements FlatOptimizer {
  readonly name = 'adam';
  private readonly state: AdamState;

  constructor(
    public learningRate: number,
    size: number,
    restored?: AdamState,
  ) {
    this.state = restored
      ? { step: restored.step, m: restored.m.slice(), v: restored.v.slice() }
      : { step: 0, m: new Float32Array(size), v: new Float32Array(size) };
  }

  /** As tf.train.adam: bias-corrected moments, epsilon added to sqrt(v-hat). */
  apply(params: Float32Array, grads: Float32Array): void {
    const { m, v } = this.state;
    this.state.step += 1;
    const correction1 = 1 - ADAM_BETA1 ** this.state.step;
    const correction2 = 1 - ADAM_BETA2 ** this.state.step;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i]!;
      m[i] = ADAM_BETA1 * m[i]! + (1 - ADAM_BETA1) * g;
      v[i] = ADAM_BETA2 * v[i]! + (1 - ADAM_BETA2) * g * g;
      params[i]! -=
        (this.learningRate * (m[i]! / correction1)) / (Math.sqrt(v[i]! / correction2) + ADAM_EPSILON);
    }
  }

  adamState(): AdamState {
    return { step: this.state.step, m: this.state.m.slice(), v: this.state.v.slice() };
  }
}

export function createFlatOptimizer(
  name: OptimizerName,
  learningRate: number,
  size: number,
  restored?: AdamState,
): FlatOptimizer {
  return name === 'adam' ? new FlatAdam(learningRate, size, restored) : new FlatSgd(learningRate);
}
