import type { BackendChoice } from './backend-info';

export const BACKEND_ENV_VAR = 'GAN_STUDIO_BACKEND';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['node', 'wasm', 'cpu'];

function isBackendChoice(value: string): value is BackendChoice {
  return (BACKEND_CHOICES as readonly string[]).includes(value);
}

/** The backend GAN_STUDIO_BACKEND forces, or undefined when it is unset or empty. A typo is an error, not a guess. */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendChoice | undefined {
  const raw = env[BACKEND_ENV_VAR]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (isBackendChoice(raw)) return raw;
  throw new Error(
    `${BACKEND_ENV_VAR} must be one of ${BACKEND_CHOICES.join(', ')} (got "${env[BACKEND_ENV_VAR]}"). ` +
      `Unset it to use the fastest available backend.`,
  );
}
