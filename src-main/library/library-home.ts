import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The product name Electron uses for `app.getPath('userData')`; the CLI must land in the same folder. */
export const PRODUCT_NAME = 'GAN Studio';

/**
 * Where the library lives: an explicit --home wins, then GAN_STUDIO_HOME, then the desktop app's user-data
 * folder, so the CLI and the app see the same datasets and runs.
 */
export function resolveLibraryHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.GAN_STUDIO_HOME) return resolve(env.GAN_STUDIO_HOME);
  return defaultUserDataFolder(env);
}

function defaultUserDataFolder(env: NodeJS.ProcessEnv): string {
  // Mirrors Electron's appData per platform, joined with the product name.
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
  }
}
