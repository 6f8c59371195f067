import * as tf from '@tensorflow/tfjs';
import { adamInputNames, FUSED_ADAM_KERNEL, type AdamStepConstants } from '../backends/fused-adam-wasm';
import { ParamStore } from '../layers/param-store';

export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Adam over the trainable weights of one ParamStore. Written out rather than taken from tf.train.adam because
 * resuming must be exact: tfjs's optimizer rebuilds its beta powers with pow() on restore, which differs in
 * the last bits from the running products it kept while training. Here the bias corrections are computed
 * from the step count in double precision every step, so a restored optimizer continues bit for bit.
 * Where the backend has our fused kernel (wasm), the whole network is updated by one kernel that performs the
 * identical float32 operations; elsewhere, tensor op by tensor op.
 */
export class Adam {
  /** Number of updates applied so far. */
  step = 0;
  readonly moments: ParamStore;
  private readonly names: string[];

  constructor(
    private readonly params: ParamStore,
    private readonly settings: AdamSettings,
  ) {
    this.names = params
      .entries()
      .filter(([, v]) => v.trainable)
      .map(([name]) => name);
    this.moments = buildMomentStore(params, this.names);
  }

  apply(grads: tf.NamedTensorMap, learningRate: number): void {
    this.step += 1;
    const { beta1, beta2, epsilon } = this.settings;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    const constants: AdamStepConstants = {
      beta1,
      beta2,
      stepSize: (learningRate * Math.sqrt(correction2)) / correction1,
      epsilonHat: epsilon * Math.sqrt(correction2),
    };
    const names = this.names.filter((name) => grads[name] !== undefined);
    tf.tidy(() => {
      if (tf.getKernel(FUSED_ADAM_KERNEL, tf.getBackend())) this.applyFused(names, grads, constants);
      else for (const name of names) this.applyOne(name, grads[name]!, constants);
    });
  }

  /** The rule, one tensor op at a time: what every backend can run, and what the fused kernel must equal. */
  private applyOne(name: string, grad: tf.Tensor, constants: AdamStepConstants): void {
    const { beta1, beta2, stepSize, epsilonHat } = constants;
    const param = this.params.get(name);
    const m = this.moments.get(`${name}.m`);
    const v = this.moments.get(`${name}.v`);
    const newM = tf.add(tf.mul(m, beta1), tf.mul(grad, 1 - beta1));
    const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), 1 - beta2));
    m.assign(newM);
    v.assign(newV);
    param.assign(tf.sub(param, tf.mul(tf.div(newM, tf.add(tf.sqrt(newV), epsilonHat)), stepSize)));
  }

  /** The same rule for every weight of the network in one kernel (backends/fused-adam-wasm.ts). */
  private applyFused(names: string[], grads: tf.NamedTensorMap, constants: AdamStepConstants): void {
    const inputs: tf.NamedTensorMap = {};
    names.forEach((name, i) => {
      const [param, m, v, grad] = adamInputNames(i);
      inputs[param] = this.params.get(name);
      inputs[m] = this.moments.get(`${name}.m`);
      inputs[v] = this.moments.get(`${name}.v`);
      inputs[grad] = grads[name]!;
    });
    const outputs = tf.engine().runKernel(FUSED_ADAM_KERNEL, inputs, {
      ...constants,
      count: names.length,
    }) as tf.Tensor[];
    names.forEach((name, i) => {
      this.params.get(name).assign(outputs[3 * i]!);
      this.moments.get(`${name}.m`).assign(outputs[3 * i + 1]!);
      this.moments.get(`${name}.v`).assign(outputs[3 * i + 2]!);
    });
  }

  dispose(): void {
    this.moments.dispose();
  }
}

function buildMomentStore(params: ParamStore, names: string[]): ParamStore {
  const moments = new ParamStore();
  for (const name of names) {
    const shape = params.get(name).shape;
    moments.add(`${name}.m`, tf.zeros(shape), false);
    moments.add(`${name}.v`, tf.zeros(shape), false);
  }
  return moments;
}
