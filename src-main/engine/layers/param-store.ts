import * as tf from '@tensorflow/tfjs';

/**
 * The weights of one network, by name. Models are pure functions over a store, so checkpoints, the averaged
 * generator and the optimizer all address weights by the same stable names.
 */
export class ParamStore {
  private readonly vars = new Map<string, tf.Variable>();
  private readonly trainableNames: string[] = [];

  /** Adds a weight; it takes ownership of `initial`. */
  add(name: string, initial: tf.Tensor, trainable = true): tf.Variable {
    if (this.vars.has(name)) throw new Error(`duplicate weight name ${name}`);
    // tfjs variable names are global to the engine, so they stay auto-generated; ours are per store.
    const variable = tf.variable(initial, trainable);
    initial.dispose();
    this.vars.set(name, variable);
    if (trainable) this.trainableNames.push(name);
    return variable;
  }

  get(name: string): tf.Variable {
    const variable = this.vars.get(name);
    if (!variable) throw new Error(`no weight named ${name}`);
    return variable;
  }

  names(): string[] {
    return [...this.vars.keys()];
  }

  trainable(): tf.Variable[] {
    return this.trainableNames.map((name) => this.get(name));
  }

  /**
   * The value of `loss` and its gradient for every trainable weight of this store, keyed by our names.
   * Weights of other stores used by `loss` are treated as constants.
   */
  gradients(loss: () => tf.Scalar): { value: tf.Scalar; grads: tf.NamedTensorMap } {
    const trainable = this.trainable();
    const { value, grads } = tf.variableGrads(loss, trainable);
    const byOurName: tf.NamedTensorMap = {};
    trainable.forEach((variable, i) => {
      const grad = grads[variable.name];
      if (grad) byOurName[this.trainableNames[i]!] = grad;
    });
    return { value, grads: byOurName };
  }

  entries(): [string, tf.Variable][] {
    return [...this.vars.entries()];
  }

  /** A store with the same names holding copies of these weights (the generator average starts this way). */
  clone(): ParamStore {
    const copy = new ParamStore();
    for (const [name, variable] of this.vars) {
      copy.add(name, variable.clone(), this.trainableNames.includes(name));
    }
    return copy;
  }

  dispose(): void {
    for (const variable of this.vars.values()) variable.dispose();
    this.vars.clear();
    this.trainableNames.length = 0;
  }
}
