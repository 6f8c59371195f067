import { createFlatOptimizer, type FlatOptimizer } from './flat-optimizers';
import type { OptimizerName } from './lab-config';
import type { NetworkState } from './lab-engine';
import type { MlpShape } from './mlp';

/** One network: its weights, a gradient buffer of the same size, and its optimizer. */
export class PlainNetwork {
  readonly params: Float32Array;
  readonly grads: Float32Array;
  optimizer: FlatOptimizer;

  constructor(
    readonly shape: MlpShape,
    state: NetworkState,
    optimizer: OptimizerName,
    learningRate: number,
  ) {
    this.params = state.params.slice();
    this.grads = new Float32Array(this.params.length);
    this.optimizer = createFlatOptimizer(optimizer, learningRate, this.params.length, state.adam);
  }

  configure(optimizer: OptimizerName, learningRate: number): void {
    if (optimizer !== this.optimizer.name) {
      this.optimizer = createFlatOptimizer(optimizer, learningRate, this.params.length);
    }
    this.optimizer.learningRate = learningRate;
  }

  state(): NetworkState {
    const adam = this.optimizer.adamState();
    return adam ? { params: this.params.slice(), adam } : { params: this.params.slice() };
  }
}

/**
 * Reusable scratch arrays by name, grown on demand: a training iteration allocates nothing, so a thousand
 * iterations a second leave the garbage collector (and the frame rate) alone.
 */
export class Scratch {
  private readonly buffers = new Map<string, Float32Array>();

  take(name: string, length: number): Float32Array {
    let buffer = this.buffers.get(name);
    if (!buffer || buffer.length < length) {
      buffer = new Float32Array(length);
      this.buffers.set(name, buffer);
    }
    return buffer.subarray(0, length);
  }
}
