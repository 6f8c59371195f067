import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/*
 * One writer per run: a lock file made with O_EXCL holding the owner's pid and host. A lock whose process is
 * gone on this host (crash, kill -9) is stale and is taken over.
 */

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

const lockPath = (runFolder: string) => join(runFolder, 'lock');

export function acquireRunLock(runFolder: string, runName: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeFileSync(lockPath(runFolder), JSON.stringify(owner), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath(runFolder), { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLockOwner(runFolder);
      if (owner && isAlive(owner)) {
        throw new Error(
          `run ${runName} is already being trained (process ${owner.pid} on ${owner.host} since ${owner.since})`,
          { cause: error },
        );
      }
      rmSync(lockPath(runFolder), { force: true });
    }
  }
  throw new Error(`could not lock run ${runName}: its lock file keeps reappearing`);
}

/** Whether a live process holds the run (a run marked running without one was interrupted). */
export function isRunLocked(runFolder: string): boolean {
  const owner = readLockOwner(runFolder);
  return owner !== undefined && isAlive(owner);
}

function readLockOwner(runFolder: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockPath(runFolder), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host can't be checked; treat it as held rather than risk two writers.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
