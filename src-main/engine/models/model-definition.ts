import type { ImageSource } from '../data/real-image-batches';
import type { LoopSettings } from '../training/training-loop';
import type { GanTrainer, TensorValues } from './gan-trainer';

/** Makes images from user-facing seeds with a trained generator. */
export interface ImageSampler {
  readonly imageSize: number;
  /**
   * One image per seed, NHWC 8-bit RGB. `truncation` (0-1] scales the latent towards the average: 1 gives the
   * full variety, lower values more typical images. A seed always gives the same image.
   */
  generate(seeds: number[], truncation: number): Promise<Uint8Array>;
  dispose(): void;
}

/** What a model config must say for the training loop and for matching a dataset. */
export interface BaseModelConfig extends LoopSettings {
  imageSize: number;
  batchSize: number;
}

/**
 * One entry of the model registry: adding a model is one file exporting this and one line in registry.ts.
 */
export interface ModelDefinition<Config extends BaseModelConfig = BaseModelConfig> {
  id: string;
  title: string;
  /** Validates user input, fills every default; throws an Error naming each bad field. */
  parseConfig(input: unknown): Config;
  createTrainer(config: Config, images: ImageSource): GanTrainer;
  /** A sampler from the tensors of one of its checkpoints. */
  createSampler(config: Config, tensors: TensorValues): ImageSampler;
}
