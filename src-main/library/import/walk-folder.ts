import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { SkippedFile } from '../../shared/dataset';
import { formatBytes, type ImportLimits } from './import-limits';

/** A regular file that may be an image; only its content will decide. */
export interface FoundFile {
  absolutePath: string;
  /** Relative to the walked folder, '/'-separated on every OS. */
  relativePath: string;
  bytes: number;
}

export interface WalkOptions {
  limits: Pick<ImportLimits, 'maxDepth' | 'maxFileBytes'>;
  /** How many more files may be found before the walk stops (the import-wide file cap minus those found). */
  maxFiles: number;
  signal?: AbortSignal;
  /** Called after each folder is read: folders read so far, folders discovered so far. */
  onFolderRead?: (done: number, total: number) => void;
}

export interface WalkResult {
  files: FoundFile[];
  skipped: SkippedFile[];
  /** True when the walk stopped at `maxFiles`; the first file left out is among `skipped`. */
  hitFileLimit: boolean;
  foldersRead: number;
}

interface PendingFolder {
  absolutePath: string;
  relativePath: string;
  depth: number;
}

/**
 * List the files under `root` without following symbolic links (lstat only), so a link to a parent can't loop
 * and nothing outside the chosen folder is read. The depth cap also ends loops made by bind mounts, which
 * lstat can't tell from real folders.
 */
export async function walkFolder(root: string, options: WalkOptions): Promise<WalkResult> {
  const result: WalkResult = { files: [], skipped: [], hitFileLimit: false, foldersRead: 0 };
  const pending: PendingFolder[] = [{ absolutePath: root, relativePath: '', depth: 0 }];
  let foldersFound = 1;

  while (pending.length > 0 && !result.hitFileLimit) {
    options.signal?.throwIfAborted();
    const folder = pending.pop() as PendingFolder;
    const names = await readFolderNames(folder, result.skipped);
    const subfolders: PendingFolder[] = [];
    for (const name of names) {
      // Hidden entries (.git, .DS_Store, .thumbnails) are bookkeeping, not pictures: ignored, not reported.
      if (name.startsWith('.')) continue;
      const entry = {
        absolutePath: join(folder.absolutePath, name),
        relativePath: folder.relativePath ? `${folder.relativePath}/${name}` : name,
        depth: folder.depth + 1,
      };
      const stats = await lstatOrSkip(entry, result.skipped);
      if (!stats) continue;
      if (stats.isDirectory()) {
        if (entry.depth > options.limits.maxDepth) {
          result.skipped.push(
            skip(entry, `folder nested more than ${options.limits.maxDepth} levels deep: not scanned`),
          );
        } else subfolders.push(entry);
        continue;
      }
      const notFile = describeNonFile(stats);
      if (notFile) {
        result.skipped.push(skip(entry, notFile));
        continue;
      }
      if (stats.size > options.limits.maxFileBytes) {
        const limit = formatBytes(options.limits.maxFileBytes);
        result.skipped.push(
          skip(entry, `file is ${formatBytes(stats.size)}, over the ${limit} per-file limit`),
        );
        continue;
      }
      if (result.files.length >= options.maxFiles) {
        result.skipped.push(
          skip(entry, `not scanned: the import stopped at the limit of ${options.maxFiles} files`),
        );
        result.hitFileLimit = true;
        break;
      }
      result.files.push({
        absolutePath: entry.absolutePath,
        relativePath: entry.relativePath,
        bytes: stats.size,
      });
    }
    // Pushed in reverse so the stack pops them in name order: the walk, and so which files a cap leaves out,
    // is the same on every run.
    pending.push(...subfolders.reverse());
    foldersFound += subfolders.length;
    result.foldersRead += 1;
    const total = result.hitFileLimit ? result.foldersRead : foldersFound;
    options.onFolderRead?.(result.foldersRead, total);
  }
  return result;
}

async function readFolderNames(folder: PendingFolder, skipped: SkippedFile[]): Promise<string[]> {
  try {
    const names = await readdir(folder.absolutePath);
    return names.sort(compareCodePoints);
  } catch (error) {
    // The root itself failing is the caller's problem to report; a subfolder failing is one skipped entry.
    if (folder.relativePath === '') throw error;
    skipped.push(skip(folder, `folder could not be read (${describeFsError(error)})`));
    return [];
  }
}

async function lstatOrSkip(
  entry: { absolutePath: string; relativePath: string },
  skipped: SkippedFile[],
): Promise<Stats | null> {
  try {
    return await lstat(entry.absolutePath);
  } catch (error) {
    // Deleted between readdir and lstat, or unreadable: one entry lost, not the import.
    skipped.push(skip(entry, `could not be read (${describeFsError(error)})`));
    return null;
  }
}

function describeNonFile(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isSymbolicLink()) return 'symbolic link: not followed';
  if (stats.isFIFO()) return 'named pipe (FIFO): not a regular file';
  if (stats.isSocket()) return 'socket: not a regular file';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'device file: not a regular file';
  return 'not a regular file';
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it disappeared during the import';
    case 'ELOOP':
      return 'it became a symbolic link during the import';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function skip(entry: { relativePath: string }, reason: string): SkippedFile {
  return { path: entry.relativePath, reason };
}

/** Locale-independent order, so two machines sort the same folder the same way. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
