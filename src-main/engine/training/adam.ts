import * as tf from '@tensorflow/tfjs';
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
    const stepSize = (learningRate * Math.sqrt(correction2)) / correction1;
    const epsilonHat = epsilon * Math.sqrt(correction2);
    tf.tidy(() => {
      for (const name of this.names) {
        const grad = grads[name];
        if (!grad) continue;
        const param = this.params.get(name);
        const m = this.moments.get(`${name}.m`);
        const v = this.moments.get(`${name}.v`);
        const newM = tf.add(tf.mul(m, beta1), tf.mul(grad, 1 - beta1));
        const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), 1 - beta2));
        m.assign(newM);
        v.assign(newV);
        param.assign(tf.sub(param, tf.mul(tf.div(newM, tf.add(tf.sqrt(newV), epsilonHat)), stepSize)));
      }
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
