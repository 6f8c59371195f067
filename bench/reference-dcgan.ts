/**
 * The reference workload of ENVIRONMENT.md: DCGAN with a 64-long latent and width 32 on both sides, at 32 px
 * (G 4x4x128 -> 8x8x64 -> 16x16x32 -> 32x32x3, D 32/64/128) or 64 px (one more stage each, channels capped
 * at 256). Both the TensorFlow.js child and the PyTorch script are given exactly these numbers.
 */
export const REFERENCE_SHAPE = {
  latentSize: 64,
  generatorWidth: 32,
  discriminatorWidth: 32,
  maxChannels: 256,
} as const;

export const MODELS = { dcgan32: 32, dcgan64: 64 } as const;
export type ModelName = keyof typeof MODELS;

export function isModelName(value: string): value is ModelName {
  return Object.hasOwn(MODELS, value);
}

/** Arguments both children accept for the network shape. */
export function shapeArgs(model: ModelName): string[] {
  const { latentSize, generatorWidth, discriminatorWidth, maxChannels } = REFERENCE_SHAPE;
  return [
    `--image-size=${MODELS[model]}`,
    `--latent-size=${latentSize}`,
    `--generator-width=${generatorWidth}`,
    `--discriminator-width=${discriminatorWidth}`,
    `--max-channels=${maxChannels}`,
  ];
}
