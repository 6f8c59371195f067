import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TRASH_KEEP_DAYS, type TrashedItem, type TrashKind } from '../shared/trash';
import { writeJsonAtomic } from './atomic-write';
import { datasetFolder } from './datasets';
import { checkName } from './names';
import { isRunLocked } from './run-lock';
import { runFolder, runsOnDataset } from './runs';

/*
 * Deleting a dataset or a run moves its folder into <home>/trash/<id>/ (a rename within the library: instant,
 * and nothing is lost if the process dies halfway), beside item.json saying what it was. Restoring renames it
 * back. Items older than TRASH_KEEP_DAYS are removed for good when the studio starts and whenever something is
 * deleted.
 */

const trashFolder = (home: string) => join(home, 'trash');
const folderOf = (home: string, kind: TrashKind, name: string) =>
  kind === 'dataset' ? datasetFolder(home, name) : runFolder(home, name);

function moveToTrash(home: string, kind: TrashKind, name: string): TrashedItem {
  checkName(kind, name);
  const source = folderOf(home, kind, name);
  if (!existsSync(source)) throw new Error(`no ${kind} named ${name}`);
  emptyTrash(home);
  const now = new Date();
  const item: TrashedItem = {
    id: `${now.getTime().toString(36)}-${kind}-${name}`,
    kind,
    name,
    deletedAt: now.toISOString(),
  };
  const entry = join(trashFolder(home), item.id);
  mkdirSync(entry, { recursive: true });
  writeJsonAtomic(join(entry, 'item.json'), item);
  renameSync(source, join(entry, name));
  return item;
}

/** Deletes a run into the trash, unless a process (this one or another) is training it. */
export function trashRun(home: string, name: string): TrashedItem {
  if (isRunLocked(runFolder(home, name)))
    throw new Error(`run ${name} is training: stop it first, then delete it`);
  return moveToTrash(home, 'run', name);
}

/**
 * Deletes a dataset into the trash, unless a run is training on it. Runs made from it stay; `usedBy` names them
 * (they keep their checkpoints and images, but can't train further without it).
 */
export function trashDataset(home: string, name: string): TrashedItem & { usedBy: string[] } {
  const users = runsOnDataset(home, name);
  const training = users.find((run) => isRunLocked(runFolder(home, run.name)));
  if (training)
    throw new Error(`run ${training.name} is training on ${name}: stop it first, then delete the dataset`);
  return { ...moveToTrash(home, 'dataset', name), usedBy: users.map((run) => run.name) };
}

/** Puts a trashed dataset or run back where it was, unless something of the same name has taken its place. */
export function restoreFromTrash(home: string, id: string): TrashedItem {
  const item = listTrash(home).find((trashed) => trashed.id === id);
  if (!item) throw new Error(`nothing in the trash has the id ${id}`);
  const target = folderOf(home, item.kind, item.name);
  if (existsSync(target))
    throw new Error(`a ${item.kind} named ${item.name} exists again: delete or rename it, then restore`);
  const entry = join(trashFolder(home), item.id);
  mkdirSync(dirname(target), { recursive: true });
  renameSync(join(entry, item.name), target);
  rmSync(entry, { recursive: true, force: true });
  return item;
}

/** What the trash holds, oldest first. Entries without a readable item.json are not listed. */
export function listTrash(home: string): TrashedItem[] {
  const folder = trashFolder(home);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .flatMap((id) => {
      try {
        const item = JSON.parse(readFileSync(join(folder, id, 'item.json'), 'utf8')) as TrashedItem;
        return item.id === id && existsSync(join(folder, id, item.name)) ? [item] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.deletedAt.localeCompare(b.deletedAt));
}

/** A cutoff for `emptyTrash` that removes everything. */
export const EVERYTHING = new Date(8.64e15);

/** Removes for good what was trashed before `cutoff` (default: TRASH_KEEP_DAYS ago); returns what it removed. */
export function emptyTrash(
  home: string,
  cutoff = new Date(Date.now() - TRASH_KEEP_DAYS * 86_400_000),
): TrashedItem[] {
  const expired = listTrash(home).filter((item) => Date.parse(item.deletedAt) < cutoff.getTime());
  for (const item of expired) rmSync(join(trashFolder(home), item.id), { recursive: true, force: true });
  return expired;
}
