import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../random/seeded-random';

/**
 * Differentiable augmentation (Zhao et al., "Differentiable Augmentation for Data-Efficient GAN Training"):
 * colour, translation and cutout applied to every batch D sees, real or fake. Each op is built from
 * differentiable tensor ops so the generator learns through them. All random choices come from `random`, so
 * a step's augmentation is fixed by the run seed and the step.
 */
export interface AugmentSettings {
  color: boolean;
  translation: boolean;
  cutout: boolean;
  translationRatio: number;
  cutoutRatio: number;
}

export function diffAugment(
  images: tf.Tensor4D,
  settings: AugmentSettings,
  random: SeededRandom,
): tf.Tensor4D {
  return tf.tidy(() => {
    let x = images;
    if (settings.color) x = adjustColor(x, random);
    if (settings.translation) x = translate(x, settings.translationRatio, random);
    if (settings.cutout) x = cutout(x, settings.cutoutRatio, random);
    return x;
  });
}

/** Random brightness, saturation and contrast per image, on [-1, 1] images. */
function adjustColor(x: tf.Tensor4D, random: SeededRandom): tf.Tensor4D {
  const batch = x.shape[0];
  const perImage = (values: Float32Array) => tf.tensor4d(values, [batch, 1, 1, 1]);
  const brightness = perImage(random.uniforms(batch).map((r) => r - 0.5));
  const saturation = perImage(random.uniforms(batch).map((r) => r * 2));
  const contrast = perImage(random.uniforms(batch).map((r) => r + 0.5));
  let y: tf.Tensor4D = tf.add(x, brightness);
  const grey = tf.mean(y, 3, true);
  y = tf.add(tf.mul(tf.sub(y, grey), saturation), grey);
  const average = tf.mean(y, [1, 2, 3], true);
  return tf.add(tf.mul(tf.sub(y, average), contrast), average);
}

/**
 * Shifts each image by up to `ratio` of its size in each direction, filling with zeros. A shift is a product
 * with a 0/1 shift matrix, which keeps it differentiable and costs two small batched matmuls. (tfjs's matMul
 * gets broadcasting over a rank-4 batch wrong, so columns are moved by transposing instead.)
 */
function translate(x: tf.Tensor4D, ratio: number, random: SeededRandom): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const maxShift = Math.round(height * ratio);
  if (maxShift === 0) return x;
  const rowShifts = shiftMatrices(batch, height, maxShift, random);
  const colShifts = shiftMatrices(batch, width, maxShift, random);
  // rows: [b, H, H] x [b, H, W*C]
  const rowsMoved = tf.matMul(rowShifts, x.reshape([batch, height, width * channels]));
  // columns: the same on the image transposed to [b, W, H*C]
  const transposed = rowsMoved.reshape([batch, height, width, channels]).transpose([0, 2, 1, 3]);
  const colsMoved = tf.matMul(colShifts, transposed.reshape([batch, width, height * channels]));
  return colsMoved.reshape([batch, width, height, channels]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
}

/** For each image, an n x n matrix whose product with a column vector shifts it by a random offset. */
function shiftMatrices(batch: number, n: number, maxShift: number, random: SeededRandom): tf.Tensor3D {
  const values = new Float32Array(batch * n * n);
  for (let b = 0; b < batch; b++) {
    const shift = random.below(2 * maxShift + 1) - maxShift;
    for (let i = 0; i < n; i++) {
      const source = i + shift;
      if (source >= 0 && source < n) values[b * n * n + i * n + source] = 1;
    }
  }
  return tf.tensor3d(values, [batch, n, n]);
}

/** Zeroes a square of side `ratio` * size at a random place in each image (partly outside is allowed). */
function cutout(x: tf.Tensor4D, ratio: number, random: SeededRandom): tf.Tensor4D {
  const [batch, height, width] = x.shape;
  const side = Math.round(height * ratio);
  if (side === 0) return x;
  const mask = new Float32Array(batch * height * width).fill(1);
  for (let b = 0; b < batch; b++) {
    const top = random.below(height + 1 - (side % 2)) - Math.floor(side / 2);
    const left = random.below(width + 1 - (side % 2)) - Math.floor(side / 2);
    for (let i = Math.max(0, top); i < Math.min(height, top + side); i++) {
      mask.fill(
        0,
        b * height * width + i * width + Math.max(0, left),
        b * height * width + i * width + Math.min(width, left + side),
      );
    }
  }
  return tf.mul(x, tf.tensor4d(mask, [batch, height, width, 1]));
}
