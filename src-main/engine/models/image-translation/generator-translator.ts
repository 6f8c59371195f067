import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../layers/param-store';
import type { TensorValues } from '../gan-trainer';
import type { ImageTranslator, TranslationDirection } from '../../translation/paired-images';

/** Images translated per backend call; bounds memory at 256 px. */
const CHUNK = 8;

export type GeneratorPass = (images: tf.Tensor4D) => tf.Tensor4D;

/**
 * An ImageTranslator over generator functions, one per direction, run in inference mode. `owned` stores are
 * disposed with it (a translator loaded from a checkpoint owns its weights; one borrowed from a trainer doesn't).
 */
export class GeneratorTranslator implements ImageTranslator {
  readonly directions: readonly TranslationDirection[];

  constructor(
    readonly imageSize: number,
    private readonly passes: Partial<Record<TranslationDirection, GeneratorPass>>,
    private readonly owned: ParamStore[] = [],
  ) {
    this.directions = (['a2b', 'b2a'] as const).filter((direction) => passes[direction]);
  }

  async translate(
    images: Float32Array,
    count: number,
    direction: TranslationDirection,
  ): Promise<Float32Array> {
    const pass = this.passes[direction];
    if (!pass) throw new Error(`this model doesn't translate ${direction === 'a2b' ? 'A to B' : 'B to A'}`);
    const perImage = this.imageSize * this.imageSize * 3;
    if (images.length !== count * perImage) {
      throw new Error(
        `expected ${count} images of ${this.imageSize} px (${count * perImage} values), got ${images.length}`,
      );
    }
    const out = new Float32Array(images.length);
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const chunk = images.subarray(start * perImage, (start + n) * perImage);
      const translated = tf.tidy(() =>
        pass(tf.tensor4d(chunk, [n, this.imageSize, this.imageSize, 3])).clipByValue(-1, 1),
      );
      out.set((await translated.data()) as Float32Array, start * perImage);
      translated.dispose();
    }
    return out;
  }

  dispose(): void {
    for (const store of this.owned) store.dispose();
  }
}

/** Overwrites every weight of `store` with the checkpoint tensor `${prefix}${name}`. */
export function loadStore(store: ParamStore, tensors: TensorValues, prefix: string): ParamStore {
  for (const [name, variable] of store.entries()) {
    const saved = tensors.get(prefix + name);
    if (!saved) throw new Error(`checkpoint has no ${prefix + name}`);
    if (saved.shape.join('x') !== variable.shape.join('x')) {
      throw new Error(
        `checkpoint tensor ${prefix + name} is ${saved.shape.join('x')}, model expects ${variable.shape.join('x')}`,
      );
    }
    tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
  }
  return store;
}

/** Every tensor of the given stores, by `${prefix}/${name}`: a trainer's checkpoint content. */
export function namedStateTensors(stores: readonly [string, ParamStore][]): Map<string, tf.Tensor> {
  const tensors = new Map<string, tf.Tensor>();
  for (const [prefix, store] of stores) {
    for (const [name, variable] of store.entries()) tensors.set(`${prefix}/${name}`, variable);
  }
  return tensors;
}

/** Restores the stores of namedStateTensors from a checkpoint, refusing a missing or reshaped tensor. */
export function restoreNamedState(stores: readonly [string, ParamStore][], tensors: TensorValues): void {
  for (const [prefix, store] of stores) loadStore(store, tensors, `${prefix}/`);
}
