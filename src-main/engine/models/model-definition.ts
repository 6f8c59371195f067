import type * as tf from '@tensorflow/tfjs';
import type { ImageSource } from '../data/real-image-batches';
import type { ImageTranslator, PairedImageSource } from '../translation/paired-images';
import type { LoopSettings } from '../training/training-loop';
import type { GanTrainer, TensorValues } from './gan-trainer';

/** Makes images from latent vectors with a trained generator (jobs/sampler-session maps seeds to latents). */
export interface ImageSampler {
  readonly imageSize: number;
  readonly latentSize: number;
  /** One image per latent (`latents` holds `count` of them back to back), NHWC 8-bit RGB. */
  generate(latents: Float32Array, count: number): Promise<Uint8Array>;
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
  /** The kinds of training data it accepts; ['images'] when absent. Checked before a run is made. */
  trainsOn?: readonly TrainingDataKind[];
  /** `data` is always one of the kinds in `trainsOn`. */
  createTrainer(config: Config, data: TrainingData): GanTrainer;
  /** A sampler from the tensors of one of its checkpoints. */
  createSampler(config: Config, tensors: TensorValues): ImageSampler;
  /** For image-to-image models: a translator from the tensors of one of its checkpoints. */
  createTranslator?(config: Config, tensors: TensorValues): ImageTranslator;
  /** Models that make images from latents: the sampling generator as a standard TensorFlow.js LayersModel. */
  generatorLayersModel?(config: Config, tensors: TensorValues): tf.LayersModel;
}

/**
 * What a model trains on: one set of images (DCGAN), matched pairs (pix2pix; CycleGAN ignores the matching),
 * or two unmatched sets (CycleGAN).
 */
export type TrainingData =
  | { kind: 'images'; images: ImageSource }
  | { kind: 'paired'; pairs: PairedImageSource }
  | { kind: 'unpaired'; a: ImageSource; b: ImageSource };

export type TrainingDataKind = TrainingData['kind'];

/** The data of a model that trains on one set of images, or a clear error naming what it got instead. */
export function imagesOf(data: TrainingData, modelId: string): ImageSource {
  if (data.kind === 'images') return data.images;
  throw new Error(`${modelId} trains on one folder of images, not on ${data.kind} data`);
}
