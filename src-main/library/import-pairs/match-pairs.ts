import type { UnpartneredFile } from '../../shared/dataset';
import { compareCodePoints, type FoundFile } from '../import/walk-folder';

/** Two files, one from each side, that show the same scene. */
export interface FilePair {
  /** The shared name: the relative path without its extension, e.g. 'street/scene-004'. */
  key: string;
  a: FoundFile;
  b: FoundFile;
}

/** 'street/scene-004.jpg' -> 'street/scene-004': pairs match by name whatever each side's format. */
export function pairKey(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  const dot = relativePath.lastIndexOf('.');
  return dot > slash + 1 ? relativePath.slice(0, dot) : relativePath;
}

/**
 * Matches the files of side A with those of side B by name. A file with no partner, or whose name is shared by
 * another file on its own side (scene.jpg and scene.png: which one is the pair?), is listed with the reason,
 * never fatal. Pairs come out in name order.
 */
export function matchPairs(
  aFiles: readonly FoundFile[],
  bFiles: readonly FoundFile[],
): {
  pairs: FilePair[];
  unpartnered: UnpartneredFile[];
} {
  const unpartnered: UnpartneredFile[] = [];
  const a = uniqueByKey(aFiles, 'a', unpartnered);
  const b = uniqueByKey(bFiles, 'b', unpartnered);
  const pairs: FilePair[] = [];
  for (const [key, file] of a) {
    const partner = b.get(key);
    if (partner) pairs.push({ key, a: file, b: partner });
    else unpartnered.push({ path: file.relativePath, side: 'a', reason: `no file named ${key}.* on side B` });
  }
  for (const [key, file] of b) {
    if (!a.has(key))
      unpartnered.push({ path: file.relativePath, side: 'b', reason: `no file named ${key}.* on side A` });
  }
  pairs.sort((x, y) => compareCodePoints(x.key, y.key));
  unpartnered.sort((x, y) => compareCodePoints(x.side, y.side) || compareCodePoints(x.path, y.path));
  return { pairs, unpartnered };
}

function uniqueByKey(
  files: readonly FoundFile[],
  side: 'a' | 'b',
  unpartnered: UnpartneredFile[],
): Map<string, FoundFile> {
  const byKey = new Map<string, FoundFile[]>();
  for (const file of files) {
    const key = pairKey(file.relativePath);
    byKey.set(key, [...(byKey.get(key) ?? []), file]);
  }
  const unique = new Map<string, FoundFile>();
  for (const [key, sameName] of byKey) {
    if (sameName.length === 1) unique.set(key, sameName[0]!);
    else {
      const names = sameName.map((file) => file.relativePath).join(', ');
      for (const file of sameName) {
        unpartnered.push({
          path: file.relativePath,
          side,
          reason: `${sameName.length} files on side ${side.toUpperCase()} are named ${key} (${names}): rename all but one`,
        });
      }
    }
  }
  return unique;
}
