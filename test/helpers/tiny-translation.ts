import type { ImageSource } from '../../src-main/engine/data/real-image-batches';
import {
  type CycleganConfig,
  cycleganConfigSchema,
} from '../../src-main/engine/models/cyclegan/cyclegan-config';
import { type Pix2pixConfig, pix2pixConfigSchema } from '../../src-main/engine/models/pix2pix/pix2pix-config';
import type { PairedImageSource } from '../../src-main/engine/translation/paired-images';
import { scenePixels } from '../fixtures/day-night-scenes';

/** A pix2pix small enough to train a 64 px step in well under a second: a few channels, batch 2. */
export function tinyPix2pixConfig(overrides: Partial<Pix2pixConfig> = {}): Pix2pixConfig {
  return pix2pixConfigSchema.parse({
    imageSize: 64,
    generatorWidth: 4,
    discriminatorWidth: 4,
    maxChannels: 16,
    discriminatorLayers: 2,
    batchSize: 2,
    seed: 5,
    previewCount: 2,
    ...overrides,
  });
}

export function tinyCycleganConfig(overrides: Partial<CycleganConfig> = {}): CycleganConfig {
  return cycleganConfigSchema.parse({
    imageSize: 64,
    generatorWidth: 4,
    discriminatorWidth: 4,
    maxChannels: 16,
    discriminatorLayers: 2,
    residualBlocks: 1,
    batchSize: 2,
    historySize: 3,
    seed: 5,
    previewCount: 2,
    ...overrides,
  });
}

/** Images held in memory, read like a pixel cache. */
export function memoryImages(bytes: Uint8Array, size: number): ImageSource {
  const perImage = size * size * 3;
  return {
    count: bytes.length / perImage,
    size,
    readImages: (indices) => {
      const out = new Uint8Array(indices.length * perImage);
      indices.forEach((index, k) =>
        out.set(bytes.subarray(index * perImage, (index + 1) * perImage), k * perImage),
      );
      return out;
    },
  };
}

/** `count` day/night scene pairs in memory; the last `heldOut` are held out. */
export async function dayNightPairs(count: number, heldOut: number, size = 64): Promise<PairedImageSource> {
  const perImage = size * size * 3;
  const day = new Uint8Array(count * perImage);
  const night = new Uint8Array(count * perImage);
  for (let i = 0; i < count; i++) {
    day.set(await scenePixels(i, 'day', size), i * perImage);
    night.set(await scenePixels(i, 'night', size), i * perImage);
  }
  const indices = Array.from({ length: count }, (_, i) => i);
  return {
    size,
    a: memoryImages(day, size),
    b: memoryImages(night, size),
    trainIndices: indices.slice(0, count - heldOut),
    heldOutIndices: indices.slice(count - heldOut),
  };
}
