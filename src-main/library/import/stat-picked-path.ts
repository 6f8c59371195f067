import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import { ImportSourceError } from './import-errors';
import { describeFsError } from './walk-folder';

/**
 * stat() of a file or folder the user named (so a symbolic link there is followed), or an ImportSourceError
 * that starts with `what` and the absolute path and says in words why it can't be used.
 */
export async function statPickedPath(
  path: string,
  what: string,
): Promise<{ absolute: string; stats: Stats }> {
  const absolute = resolve(path);
  try {
    return { absolute, stats: await stat(absolute) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : describeFsError(error);
    throw new ImportSourceError(`${what} ${absolute}: ${why}`, { cause: error });
  }
}
