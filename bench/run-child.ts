import { spawn } from 'node:child_process';
import { type EngineResult, isEngineResult } from './bench-result';

/**
 * Runs one engine's child process and returns the EngineResult it printed. The child's stderr (its progress)
 * goes straight to ours; any stdout line that is not the result is passed to stderr too, so that in --json
 * mode our stdout carries results and nothing else.
 */
export function runChild(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let result: EngineResult | undefined;
      for (const line of stdout.split('\n')) {
        const parsed = parseJsonLine(line);
        if (isEngineResult(parsed)) result = parsed;
        else if (line.trim()) process.stderr.write(`${line}\n`);
      }
      if (code !== 0)
        reject(new Error(`${[command, ...args].join(' ')} exited with ${signal ?? `code ${code}`}`));
      else if (!result) reject(new Error(`${[command, ...args].join(' ')} printed no result`));
      else resolve(result);
    });
  });
}

function parseJsonLine(line: string): unknown {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
