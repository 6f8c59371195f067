import { latentForSeed } from '../random/seeded-random';

/**
 * The latents for user-facing seeds, back to back. `truncation` (0-1] scales each towards the average latent:
 * 1 gives the full variety, lower values more typical images. A seed always gives the same latent.
 */
export function latentsForSeeds(seeds: number[], latentSize: number, truncation: number): Float32Array {
  if (!(truncation > 0 && truncation <= 1))
    throw new Error(`truncation must be in (0, 1], got ${truncation}`);
  const latents = new Float32Array(seeds.length * latentSize);
  seeds.forEach((seed, i) =>
    latents.set(
      latentForSeed(seed, latentSize).map((v) => v * truncation),
      i * latentSize,
    ),
  );
  return latents;
}

/**
 * `frames` latents on the great-circle path from seed `from` to seed `to` (spherical interpolation, which keeps
 * the in-between latents as long as real ones, so the middle frames don't fade towards the average image).
 */
export function interpolateSeeds(
  from: number,
  to: number,
  frames: number,
  latentSize: number,
  truncation: number,
) {
  if (!Number.isInteger(frames) || frames < 2)
    throw new Error(`an interpolation needs at least 2 frames, got ${frames}`);
  const [a, b] = [
    latentsForSeeds([from], latentSize, truncation),
    latentsForSeeds([to], latentSize, truncation),
  ];
  const dot = a.reduce((sum, v, i) => sum + v * b[i]!, 0);
  const norms = Math.sqrt(a.reduce((s, v) => s + v * v, 0) * b.reduce((s, v) => s + v * v, 0));
  const angle = Math.acos(Math.min(1, Math.max(-1, dot / norms)));
  const out = new Float32Array(frames * latentSize);
  for (let f = 0; f < frames; f++) {
    const t = f / (frames - 1);
    // Nearly parallel latents: plain linear interpolation avoids dividing by sin(0).
    const [wa, wb] =
      angle < 1e-6
        ? [1 - t, t]
        : [Math.sin((1 - t) * angle) / Math.sin(angle), Math.sin(t * angle) / Math.sin(angle)];
    for (let i = 0; i < latentSize; i++) out[f * latentSize + i] = wa * a[i]! + wb * b[i]!;
  }
  return out;
}
