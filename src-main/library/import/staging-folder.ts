import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { fsyncFolder } from '../atomic-write';
import { DatasetExistsError } from './import-errors';

/**
 * A dataset is built in `datasets/.importing-<name>-<random>/` and renamed into place when complete, so a
 * crash leaves a hidden folder that listings ignore, never a half dataset under the real name.
 */
export function createStagingFolder(datasetsRoot: string, name: string): string {
  mkdirSync(datasetsRoot, { recursive: true });
  return mkdtempSync(join(datasetsRoot, `.importing-${name}-`));
}

export function commitStagingFolder(staging: string, target: string, name: string): void {
  // rename() would happily replace an empty folder, so check first; a non-empty one makes rename fail below.
  if (existsSync(target)) throw new DatasetExistsError(name);
  try {
    renameSync(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') {
      if (existsSync(target)) throw new DatasetExistsError(name);
    }
    throw error;
  }
  fsyncFolder(dirname(target));
}

export function discardStagingFolder(staging: string): void {
  rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
}
