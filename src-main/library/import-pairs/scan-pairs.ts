import { basename } from 'node:path';

import type { SkippedFile, UnpartneredFile } from '../../shared/dataset';
import { ImportSourceError } from '../import/import-errors';
import type { ImportLimits } from '../import/import-limits';
import { statPickedPath } from '../import/stat-picked-path';
import { type FoundFile, walkFolder } from '../import/walk-folder';
import { type FilePair, matchPairs } from './match-pairs';

/** Where the pairs are: two folders matched by file name, or one folder of side-by-side A|B images. */
export type PairSource =
  { layout: 'two-folders'; a: string; b: string } | { layout: 'side-by-side'; folder: string };

export interface PairScan {
  /** Absolute folders of side A and side B (the same folder for side-by-side). */
  folderA: string;
  folderB: string;
  /** Two-folders: matched files. Side-by-side: each file is its own pair (a and b are the same file). */
  pairs: FilePair[];
  unpartnered: UnpartneredFile[];
  /** What the walks could not use, with paths prefixed by their side's folder name. */
  skipped: SkippedFile[];
  foldersRead: number;
}

export interface ScanPairsOptions {
  limits: ImportLimits;
  signal?: AbortSignal;
  onFolderRead?: (done: number, total: number) => void;
}

/** Lists the pairs to import, with what can't be paired and why. */
export async function scanPairs(source: PairSource, options: ScanPairsOptions): Promise<PairScan> {
  if (source.layout === 'side-by-side') {
    const folder = await requireFolder(source.folder, 'side-by-side folder');
    const walked = await walk(folder, options.limits.maxFiles, options, 0);
    return {
      folderA: folder,
      folderB: folder,
      pairs: walked.files.map((file) => ({ key: file.relativePath, a: file, b: file })),
      unpartnered: [],
      skipped: walked.skipped,
      foldersRead: walked.foldersRead,
    };
  }
  const folderA = await requireFolder(source.a, 'folder A');
  const folderB = await requireFolder(source.b, 'folder B');
  if (folderA === folderB) {
    throw new ImportSourceError(
      `folders A and B are the same folder (${folderA}): give the two looks' folders, or use --side-by-side`,
    );
  }
  const [labelA, labelB] = sideLabels(folderA, folderB);
  const a = await walk(folderA, options.limits.maxFiles, options, 0);
  const b = await walk(folderB, options.limits.maxFiles - a.files.length, options, a.foldersRead);
  const prefix = (label: string) => (entry: SkippedFile) => ({ ...entry, path: `${label}/${entry.path}` });
  const { pairs, unpartnered } = matchPairs(a.files, b.files);
  return {
    folderA,
    folderB,
    pairs,
    unpartnered,
    skipped: [...a.skipped.map(prefix(labelA)), ...b.skipped.map(prefix(labelB))],
    foldersRead: a.foldersRead + b.foldersRead,
  };
}

async function walk(
  folder: string,
  maxFiles: number,
  options: ScanPairsOptions,
  foldersBefore: number,
): Promise<{ files: FoundFile[]; skipped: SkippedFile[]; foldersRead: number }> {
  return walkFolder(folder, {
    limits: options.limits,
    maxFiles: Math.max(0, maxFiles),
    signal: options.signal,
    onFolderRead: (done, total) => options.onFolderRead?.(foldersBefore + done, foldersBefore + total),
  });
}

/** How skipped files of each side are named: by their folder's name, or A and B when the names are equal. */
export function sideLabels(folderA: string, folderB: string): [string, string] {
  const a = basename(folderA);
  const b = basename(folderB);
  return a && b && a !== b ? [a, b] : ['A', 'B'];
}

async function requireFolder(path: string, what: string): Promise<string> {
  const { absolute, stats } = await statPickedPath(path, what);
  if (!stats.isDirectory()) throw new ImportSourceError(`${what} ${absolute} is not a folder`);
  return absolute;
}
