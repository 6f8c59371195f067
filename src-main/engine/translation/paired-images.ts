import type { ImageSource } from '../data/real-image-batches';

/** Which way a translation goes: A to B (day to night, for a dataset imported that way round) or back. */
export type TranslationDirection = 'a2b' | 'b2a';

export const TRANSLATION_DIRECTIONS: readonly TranslationDirection[] = ['a2b', 'b2a'];

/**
 * The same scenes in two looks: image i of `a` and image i of `b` are one pair. Training reads only the
 * training pairs; the held-out pairs are for previews and for measuring the model.
 */
export interface PairedImageSource {
  readonly size: number;
  readonly a: ImageSource;
  readonly b: ImageSource;
  /** Indices of the pairs to train on, ascending. */
  readonly trainIndices: readonly number[];
  /** Indices of the pairs kept out of training, ascending. */
  readonly heldOutIndices: readonly number[];
}

/** A trained image-to-image generator, in inference mode (batch-norm running statistics, no dropout). */
export interface ImageTranslator {
  readonly imageSize: number;
  /** pix2pix translates A to B only; CycleGAN both ways. */
  readonly directions: readonly TranslationDirection[];
  /**
   * `count` square images of `imageSize` (NHWC floats in [-1, 1]) to as many translated ones, same layout.
   */
  translate(images: Float32Array, count: number, direction: TranslationDirection): Promise<Float32Array>;
  dispose(): void;
}

/** An image source reading only `indices` of another, in that order: the training split of a side. */
export function subsetOf(source: ImageSource, indices: readonly number[]): ImageSource {
  return {
    count: indices.length,
    size: source.size,
    readImages: (wanted) =>
      source.readImages(
        wanted.map((i) => {
          const index = indices[i];
          if (index === undefined)
            throw new RangeError(`image ${i} is outside a subset of ${indices.length}`);
          return index;
        }),
      ),
  };
}

/** 8-bit RGB to the [-1, 1] floats the networks work in. */
export function bytesToUnit(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! / 127.5 - 1;
  return out;
}

/** [-1, 1] floats back to 8-bit RGB, rounding once. */
export function unitToBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.min(255, Math.max(0, Math.round((values[i]! + 1) * 127.5)));
  }
  return out;
}

/** The translator of a pix2pix or CycleGAN trainer (its generators in inference mode), or undefined for others. */
export function translatorOf(trainer: object): ImageTranslator | undefined {
  const candidate = (trainer as { translator?: ImageTranslator }).translator;
  return candidate && typeof candidate.translate === 'function' ? candidate : undefined;
}
