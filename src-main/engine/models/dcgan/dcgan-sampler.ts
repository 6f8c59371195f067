import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../layers/param-store';
import { latentForSeed, SeededRandom, Stream } from '../../random/seeded-random';
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
  private readonly generator: ParamStore;

  constructor(
    private readonly config: DcganConfig,
    tensors: TensorValues,
  ) {
    this.imageSize = config.imageSize;
    // The initial weights are overwritten below; any seed will do.
    this.generator = buildGenerator(config, new SeededRandom(Stream.initialWeights, 0));
    for (const [name, variable] of this.generator.entries()) {
      const saved = tensors.get(PREFIX + name);
      if (!saved) throw new Error(`checkpoint has no ${PREFIX + name}`);
      tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
    }
  }

  async generate(seeds: number[], truncation: number): Promise<Uint8Array> {
    if (!(truncation > 0 && truncation <= 1))
      throw new Error(`truncation must be in (0, 1], got ${truncation}`);
    const { latentSize, imageSize } = this.config;
    const out = new Uint8Array(seeds.length * imageSize * imageSize * 3);
    for (let start = 0; start < seeds.length; start += CHUNK) {
      const chunk = seeds.slice(start, start + CHUNK);
      const latents = new Float32Array(chunk.length * latentSize);
      chunk.forEach((seed, i) =>
        latents.set(
          latentForSeed(seed, latentSize).map((v) => v * truncation),
          i * latentSize,
        ),
      );
      const images = tf.tidy(() =>
        generate(this.generator, tf.tensor2d(latents, [chunk.length, latentSize]), { training: false }),
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
