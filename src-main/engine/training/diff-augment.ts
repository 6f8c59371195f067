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
 * Shifts each image by up to `ratio` of its size in each direction, filling with zeros: one gather of pixels
 * (a pixel moved, or a zero row past the end for what was shifted in), differentiable through tfjs's gather
 * gradient. Every output is an exact copy of an input (or zero), as it was with the 0/1 shift matrices this
 * replaces, which cost two batched matmuls (on wasm a scalar loop, a sixth of a DiffAugment step).
 */
function translate(x: tf.Tensor4D, ratio: number, random: SeededRandom): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const maxShift = Math.round(height * ratio);
  if (maxShift === 0) return x;
  // Draw order (every image's row shift, then every image's column shift) is part of the run's randomness.
  const rowShifts = drawShifts(batch, maxShift, random);
  const columnShifts = drawShifts(batch, maxShift, random);
  const pixels = batch * height * width;
  const sources = new Int32Array(pixels);
  for (let b = 0, at = 0; b < batch; b++) {
    for (let i = 0; i < height; i++) {
      const row = i + rowShifts[b]!;
      for (let j = 0; j < width; j++, at++) {
        const column = j + columnShifts[b]!;
        const inside = row >= 0 && row < height && column >= 0 && column < width;
        sources[at] = inside ? (b * height + row) * width + column : pixels;
      }
    }
  }
  const withZeroRow = tf.concat([x.reshape([pixels, channels]), tf.zeros([1, channels])]);
  return tf.gather(withZeroRow, tf.tensor1d(sources, 'int32')).reshape([batch, height, width, channels]);
}

/** Each image's shift along one axis, in [-maxShift, maxShift]. */
function drawShifts(batch: number, maxShift: number, random: SeededRandom): Int32Array {
  const shifts = new Int32Array(batch);
  for (let b = 0; b < batch; b++) shifts[b] = random.below(2 * maxShift + 1) - maxShift;
  return shifts;
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
