/**
 * Counter-based randomness: every random number the engine uses is a pure function of (run seed, step, stream),
 * so "the random state" of a run is just its seed and step. That is what makes resume exact and lets any
 * backend produce the same latents and augmentations.
 */

/** Streams keep the draws for different purposes independent of each other. */
export const Stream = {
  discriminatorLatent: 1,
  generatorLatent: 2,
  augmentReal: 3,
  augmentFake: 4,
  augmentGenerator: 5,
  batchOrder: 6,
  initialWeights: 7,
  sampleLatent: 8,
  /** Which pooled fake D sees instead of a new one (CycleGAN's history of generated images), per direction. */
  historyPoolA: 9,
  historyPoolB: 10,
  /** Dropout masks of the pix2pix generator (its noise). */
  dropout: 11,
  /** The batch order of a second image set trained side by side with the first (CycleGAN's B domain). */
  batchOrderB: 12,
} as const;

/** A 32-bit hash of several integers (a murmur3-style finalizer over a running mix). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split into two 32-bit words so seeds and steps above 2^32 still differ.
    for (const word of [part >>> 0, Math.floor(part / 0x1_0000_0000) >>> 0]) {
      h = Math.imul(h ^ word, 0x85ebca6b);
      h = (h << 13) | (h >>> 19);
      h = Math.imul(h, 0xc2b2ae35) ^ 0x27d4eb2f;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small, fast generator of uniform numbers in [0, 1) (mulberry32), started from a mixed seed. */
export class SeededRandom {
  private state: number;

  constructor(...seedParts: number[]) {
    this.state = mixSeed(...seedParts);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal draws (Box-Muller), as float32. */
  normals(count: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
      const u = 1 - this.next(); // (0, 1]: log(0) never happens
      const v = this.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      out[i] = radius * Math.cos(2 * Math.PI * v);
      if (i + 1 < count) out[i + 1] = radius * Math.sin(2 * Math.PI * v);
    }
    return out;
  }

  uniforms(count: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.next();
    return out;
  }

  /** A permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}

/** The latent vector for a user-facing seed: the same seed gives the same image from a checkpoint. */
export function latentForSeed(seed: number, latentSize: number): Float32Array {
  return new SeededRandom(Stream.sampleLatent, seed).normals(latentSize);
}
