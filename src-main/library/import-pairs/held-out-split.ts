import { SeededRandom } from '../../engine/random/seeded-random';

/** Tags the split's draws so they never coincide with a training stream of the same seed. */
const SPLIT_STREAM = 0x5e1d;

export const DEFAULT_HELD_OUT_FRACTION = 0.1;

/**
 * The pairs to keep out of training, as ascending indices: `fraction` of them (at least one, and never all,
 * when there are two or more pairs and the fraction is above 0), chosen by a shuffle fixed by `seed`, so the
 * same import always holds out the same pairs.
 */
export function chooseHeldOut(count: number, fraction: number, seed: number): number[] {
  if (!(fraction >= 0 && fraction < 1))
    throw new Error(`held-out fraction must be from 0 to below 1, got ${fraction}`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`split seed must be a whole number >= 0, got ${seed}`);
  if (fraction === 0 || count < 2) return [];
  const size = Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
  return [...new SeededRandom(SPLIT_STREAM, seed).permutation(count).subarray(0, size)].sort((x, y) => x - y);
}
