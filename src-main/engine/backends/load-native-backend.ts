/**
 * Loading native TensorFlow through @tensorflow/tfjs-node. It is an optional dependency whose install downloads
 * libtensorflow from Google's storage, so on many machines it is simply absent; that is an expected outcome with
 * a reason to show, never a crash.
 */
import * as tf from '@tensorflow/tfjs';

export const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

export type NativeLoad =
  | { ok: true; version: string }
  | { ok: false; /** One line, for the user. */ reason: string; notInstalled: boolean };

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    // Only when the package itself is missing: a missing file inside an installed package is a broken install.
    return String((error as Error).message).includes(NATIVE_PACKAGE);
  }
  return false;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
}

function versionOf(module: unknown): string {
  const version = (module as { version?: Record<string, string> }).version;
  return version?.['tfjs-node'] ?? 'unknown';
}

/** Imports tfjs-node (which registers the 'tensorflow' backend into tfjs-core) without switching to it. */
export async function loadNativeBackend(): Promise<NativeLoad> {
  let module: unknown;
  try {
    // A variable specifier: TypeScript has no types for the absent package, and bundlers must leave it external.
    const specifier: string = NATIVE_PACKAGE;
    module = await import(specifier);
  } catch (error) {
    if (isModuleNotFound(error)) {
      return {
        ok: false,
        notInstalled: true,
        reason: `${NATIVE_PACKAGE} is not installed (its install downloads native TensorFlow, which failed or was skipped)`,
      };
    }
    return {
      ok: false,
      notInstalled: false,
      reason: `${NATIVE_PACKAGE} failed to load: ${firstLine(error)}`,
    };
  }
  if (!tf.findBackendFactory('tensorflow')) {
    return {
      ok: false,
      notInstalled: false,
      reason: `${NATIVE_PACKAGE} loaded but registered with another copy of @tensorflow/tfjs (are their versions the same?)`,
    };
  }
  return { ok: true, version: versionOf(module) };
}
