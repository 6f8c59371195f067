import { spawn } from 'node:child_process';
import type { BenchArgs } from './bench-args';

/**
 * Runs bench/lab-bench.ts in its own process, as `npm run bench` runs every engine: its output goes straight
 * through (in --json mode its one JSON line is the stdout, like the engines' result lines). Resolves to its
 * exit code.
 */
export function runLabBench(args: BenchArgs, cwd: string): Promise<number> {
  const options = [...(args.quick ? ['--quick'] : []), ...(args.json ? ['--json'] : [])];
  if (args.steps !== undefined) options.push(`--steps=${args.steps}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lab-bench.ts', ...options], {
      cwd,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
