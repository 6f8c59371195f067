/** What an image-to-image model answers when asked to make images from seeds, which it can't. */
export function refuseSampling(modelId: string): never {
  throw new Error(
    `${modelId} translates images rather than making them from seeds: use gan-studio translate --run <run> --in <photo>`,
  );
}
