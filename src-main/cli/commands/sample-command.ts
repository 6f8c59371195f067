import { resolve } from 'node:path';
import type { Command } from 'commander';
import { decimalIn, seedList, wholeNumber } from '../cli-arguments';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';

interface SampleOptions {
  run: string;
  seeds: number[];
  out: string;
  grid?: boolean;
  truncation: number;
  upscale: number;
}

export function addSampleCommand(program: Command, context: CliContext): void {
  program
    .command('sample')
    .description("make images from seeds with a run's latest checkpoint")
    .requiredOption('--run <name>', 'run to sample from')
    .requiredOption('--seeds <list>', 'seeds, e.g. 1-16 or 3,7,42', seedList)
    .requiredOption('--out <folder>', 'folder to write PNGs into')
    .option('--grid', 'one grid image instead of one PNG per seed')
    .option('--truncation <t>', 'variety from 0 (typical) to 1 (full)', decimalIn(0, 1, true), 1)
    .option('--upscale <n>', 'enlarge by a whole factor with a Lanczos filter', wholeNumber(1, 16), 1)
    .action(async (options: SampleOptions) => {
      const { home, output } = context.globals();
      const request = {
        what: { seeds: options.seeds },
        truncation: options.truncation,
        outFolder: resolve(options.out),
        grid: Boolean(options.grid),
        upscale: options.upscale,
      };
      const code = await runCliJob({ kind: 'sampler', home, run: options.run }, output, async (handle) => {
        const files = await handle.sample(request);
        output.result(files.join('\n'), { event: 'done', files });
      });
      context.exit(code);
    });
}
