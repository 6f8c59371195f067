import type { ImageSource } from '../../src-main/engine/data/real-image-batches';
import { type DcganConfig, dcganConfigSchema } from '../../src-main/engine/models/dcgan/dcgan-config';

/** A DCGAN small enough to train a step in tens of milliseconds: 32 px, a few channels, batch 4. */
export function tinyDcganConfig(overrides: Partial<DcganConfig> = {}): DcganConfig {
  return dcganConfigSchema.parse({
    imageSize: 32,
    latentSize: 8,
    generatorWidth: 4,
    discriminatorWidth: 4,
    batchSize: 4,
    seed: 11,
    previewCount: 4,
    ...overrides,
  });
}

/** In-memory images: image i is a flat colour with a lighter square whose place depends on i. */
export function syntheticImages(count: number, size = 32): ImageSource {
  const bytes = size * size * 3;
  const all = new Uint8Array(count * bytes);
  for (let i = 0; i < count; i++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inSquare = Math.abs(x - ((i * 7) % size)) < 5 && Math.abs(y - ((i * 3) % size)) < 5;
        const p = i * bytes + (y * size + x) * 3;
        all[p] = inSquare ? 240 : (i * 37) % 200;
        all[p + 1] = inSquare ? 220 : (i * 91) % 200;
        all[p + 2] = inSquare ? 200 : (i * 53) % 200;
      }
    }
  }
  return {
    count,
    size,
    readImages(indices) {
      const out = new Uint8Array(indices.length * bytes);
      indices.forEach((index, k) => out.set(all.subarray(index * bytes, (index + 1) * bytes), k * bytes));
      return out;
    },
  };
}
