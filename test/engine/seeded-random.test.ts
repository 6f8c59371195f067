import { describe, expect, it } from 'vitest';
import { latentForSeed, mixSeed, SeededRandom } from '../../src-main/engine/random/seeded-random';

describe('seeded randomness', () => {
  it('gives the same draws for the same seed parts and different ones otherwise', () => {
    expect(new SeededRandom(1, 2, 3).uniforms(5)).toEqual(new SeededRandom(1, 2, 3).uniforms(5));
    expect(new SeededRandom(1, 2, 3).uniforms(5)).not.toEqual(new SeededRandom(1, 2, 4).uniforms(5));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    // Steps beyond 2^32 must not wrap onto small ones.
    expect(mixSeed(7, 2 ** 32 + 5)).not.toBe(mixSeed(7, 5));
  });

  it('draws normals with mean near 0 and variance near 1', () => {
    const values = new SeededRandom(42).normals(20_001);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(values.length).toBe(20_001);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('makes permutations that hold every index once', () => {
    const order = new SeededRandom(9).permutation(100);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...order]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('fixes the latent of a seed regardless of what else was drawn', () => {
    const first = latentForSeed(5, 16);
    new SeededRandom(5).normals(1000);
    expect(latentForSeed(5, 16)).toEqual(first);
    expect(latentForSeed(6, 16)).not.toEqual(first);
  });
});
