import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/gan-studio.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The real `gan-studio` command in a child process, with the library at `home`. */
export function startCli(args: string[], home: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [BIN, '--home', home, ...args], {
    env: { ...process.env, GAN_STUDIO_BACKEND: 'wasm', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export function runCli(args: string[], home: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return finished(startCli(args, home, env));
}

/** The JSON events of a `--json` run; throws if any stdout line is not a JSON object with an "event". */
export function jsonEvents(stdout: string): Array<Record<string, unknown> & { event: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (typeof parsed.event !== 'string') throw new Error(`stdout line without an event: ${line}`);
      return parsed as Record<string, unknown> & { event: string };
    });
}

/** Resolves when a `--json` child prints an event matching `predicate` (its stdout must be read by `finished`). */
export function waitForEvent(
  child: ChildProcess,
  predicate: (event: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const event = JSON.parse(line) as Record<string, unknown>;
        if (predicate(event)) {
          child.stdout!.off('data', onData);
          resolve(event);
          return;
        }
      }
    };
    child.stdout!.on('data', onData);
    child.on('close', () => reject(new Error('the command ended before the expected event')));
  });
}
