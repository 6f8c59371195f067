import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../layers/param-store';
import { SeededRandom, Stream } from '../../random/seeded-random';
import { toRgbBytes } from '../../sampling/image-grid';
import type { TensorValues } from '../gan-trainer';
import type { ImageSampler } from '../model-definition';
import type { DcganConfig } from './dcgan-config';
import { buildGenerator, generate } from './dcgan-networks';

const PREFIX = 'averagedGenerator/';
/** Images generated per backend call; bounds memory at 128 px. */
const CHUNK = 16;

/** Samples with the averaged generator of a DCGAN checkpoint, in eval mode (running batch-norm statistics). */
export class DcganSampler implements ImageSampler {
  readonly imageSize: number;
  readonly latentSize: number;
  private readonly generator: ParamStore;

  constructor(config: DcganConfig, tensors: TensorValues) {
    this.imageSize = config.imageSize;
    this.latentSize = config.latentSize;
    // The initial weights are overwritten below; any seed will do.
    this.generator = buildGenerator(config, new SeededRandom(Stream.initialWeights, 0));
    for (const [name, variable] of this.generator.entries()) {
      const saved = tensors.get(PREFIX + name);
      if (!saved) throw new Error(`checkpoint has no ${PREFIX + name}`);
      tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
    }
  }

  async generate(latents: Float32Array, count: number): Promise<Uint8Array> {
    const { latentSize, imageSize } = this;
    if (latents.length !== count * latentSize)
      throw new Error(`expected ${count} latents of ${latentSize} values`);
    const out = new Uint8Array(count * imageSize * imageSize * 3);
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const chunk = latents.subarray(start * latentSize, (start + n) * latentSize);
      const images = tf.tidy(() =>
        generate(this.generator, tf.tensor2d(chunk, [n, latentSize]), { training: false }),
      );
      out.set(await toRgbBytes(images), start * imageSize * imageSize * 3);
      images.dispose();
    }
    return out;
  }

  dispose(): void {
    this.generator.dispose();
  }
}
