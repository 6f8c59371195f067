import { stat } from 'node:fs/promises';
import { basename, dirname, parse, relative, resolve, sep } from 'node:path';

import type { SkippedFile } from '../../shared/dataset';
import { ImportSourceError } from './import-errors';
import type { ImportLimits } from './import-limits';
import { compareCodePoints, describeFsError, walkFolder, type FoundFile } from './walk-folder';

/** A file to decode, with the name it goes by in the manifest and the class it belongs to. */
export interface Candidate extends FoundFile {
  /** Class name, or null for a file with no class. */
  label: string | null;
}

export interface ScanResult {
  /** The folder item and skipped paths are relative to. */
  sourceFolder: string;
  /** Sorted by relativePath. */
  candidates: Candidate[];
  skipped: SkippedFile[];
  foldersRead: number;
}

export interface ScanOptions {
  limits: ImportLimits;
  signal?: AbortSignal;
  onFolderRead?: (done: number, total: number) => void;
}

/**
 * Find the files to import from what the user picked: one folder, or any mix of folders and loose files
 * (dropped together on the window).
 *
 * - One folder: paths are relative to it; its subfolders are the classes (first path segment), files
 *   directly in it have none.
 * - Several sources, or a loose file: they are treated as the contents of one virtual folder. Each dropped
 *   folder is a class named after it; loose files have none. Paths are relative to the sources' closest
 *   common folder, so they stay unique even when two dropped folders share a name.
 */
export async function scanSources(sources: readonly string[], options: ScanOptions): Promise<ScanResult> {
  if (sources.length === 0) throw new ImportSourceError('nothing to import: no folders or files given');
  // Sorted, so the same picks in a different order make the same dataset.
  const roots = [...new Set(sources.map((source) => resolve(source)))].sort(compareCodePoints);
  const kinds = await Promise.all(roots.map(statRoot));
  const singleFolder = roots.length === 1 && kinds[0]?.kind === 'folder';
  const sourceFolder = singleFolder ? (roots[0] as string) : commonFolder(roots.map((root) => dirname(root)));

  // Absolute paths of files, and manifest paths of skipped entries, already listed: a folder picked together
  // with one of its own subfolders would otherwise list them twice.
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const skipped: SkippedFile[] = [];
  const addSkipped = (entry: SkippedFile) => {
    if (seen.has(`skipped:${entry.path}`)) return;
    seen.add(`skipped:${entry.path}`);
    skipped.push(entry);
  };
  let foldersBefore = 0;
  for (const [index, root] of roots.entries()) {
    const prefix = toSlashes(relative(sourceFolder, root));
    const withPrefix = (path: string): string => (prefix && path ? `${prefix}/${path}` : prefix || path);
    const rootStats = kinds[index] as RootStats;
    if (rootStats.kind === 'file') {
      if (seen.has(root)) continue;
      seen.add(root);
      if (candidates.length >= options.limits.maxFiles) {
        const reason = `not scanned: the import stopped at the limit of ${options.limits.maxFiles} files`;
        addSkipped({ path: withPrefix(''), reason });
        break;
      }
      candidates.push({
        absolutePath: root,
        relativePath: withPrefix(''),
        bytes: rootStats.bytes,
        label: null,
      });
      continue;
    }
    const walked = await walkFolder(root, {
      limits: options.limits,
      maxFiles: options.limits.maxFiles - candidates.length,
      signal: options.signal,
      onFolderRead: (done, total) => options.onFolderRead?.(foldersBefore + done, foldersBefore + total),
    });
    foldersBefore += walked.foldersRead;
    const label = singleFolder ? null : basename(root) || root;
    for (const file of walked.files) {
      if (seen.has(file.absolutePath)) continue;
      seen.add(file.absolutePath);
      candidates.push({
        ...file,
        relativePath: withPrefix(file.relativePath),
        label: singleFolder ? firstSegment(file.relativePath) : label,
      });
    }
    for (const entry of walked.skipped) addSkipped({ ...entry, path: withPrefix(entry.path) });
    if (walked.hitFileLimit) break;
  }
  candidates.sort((a, b) => compareCodePoints(a.relativePath, b.relativePath));
  return { sourceFolder, candidates, skipped, foldersRead: foldersBefore };
}

type RootStats = { kind: 'folder' } | { kind: 'file'; bytes: number };

/** Roots are what the user picked by hand, so a symbolic link there is followed, unlike one inside. */
async function statRoot(root: string): Promise<RootStats> {
  let stats;
  try {
    stats = await stat(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : describeFsError(error);
    throw new ImportSourceError(`cannot import ${root}: ${why}`);
  }
  if (stats.isDirectory()) return { kind: 'folder' };
  if (stats.isFile()) return { kind: 'file', bytes: stats.size };
  throw new ImportSourceError(`cannot import ${root}: not a file or folder`);
}

function firstSegment(relativePath: string): string | null {
  const slash = relativePath.indexOf('/');
  return slash === -1 ? null : relativePath.slice(0, slash);
}

function commonFolder(folders: readonly string[]): string {
  const split = folders.map((folder) =>
    folder.split(sep).filter((part, index) => part !== '' || index === 0),
  );
  const first = split[0] ?? [];
  let shared = first.length;
  for (const parts of split) {
    let index = 0;
    while (index < shared && parts[index] === first[index]) index++;
    shared = index;
  }
  const joined = first.slice(0, shared).join(sep);
  // No common part at all (Windows drives): fall back to the first folder's root, paths stay absolute-ish.
  return joined === '' ? parse(folders[0] ?? sep).root || sep : joined.endsWith(':') ? joined + sep : joined;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
