import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../library/atomic-write';
import { readRunMeta, runFolder } from '../library/runs';

/** The seeds a person starred in a run's gallery, kept in runs/<name>/favourites.json. */
export function readFavourites(home: string, run: string): number[] {
  readRunMeta(home, run);
  try {
    const seeds = JSON.parse(readFileSync(join(runFolder(home, run), 'favourites.json'), 'utf8')) as unknown;
    return Array.isArray(seeds) ? seeds.filter((s): s is number => Number.isSafeInteger(s) && s >= 0) : [];
  } catch {
    return [];
  }
}

export function setFavourite(home: string, run: string, seed: number, favourite: boolean): number[] {
  const seeds = new Set(readFavourites(home, run));
  if (favourite) seeds.add(seed);
  else seeds.delete(seed);
  const sorted = [...seeds].sort((a, b) => a - b);
  writeJsonAtomic(join(runFolder(home, run), 'favourites.json'), sorted);
  return sorted;
}
