import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';
import { TranslationCliOutput } from './translation-output';

export function addEvalCommand(program: Command, context: CliContext): void {
  program
    .command('eval')
    .description(
      'measure a pix2pix or CycleGAN run on held-out pairs (PSNR, SSIM, L1) beside two baselines: output = input, and the best global colour transform',
    )
    .requiredOption('--run <name>', 'run to measure (its newest checkpoint)')
    .option('--dataset <name>', 'paired dataset to measure on (default: the run’s own)')
    .addOption(
      new Option('--direction <way>', 'a2b, or b2a for CycleGAN').choices(['a2b', 'b2a']).default('a2b'),
    )
    .action(async (options: { run: string; dataset?: string; direction: 'a2b' | 'b2a' }) => {
      const { home, output } = context.globals();
      const job = {
        kind: 'eval' as const,
        home,
        run: options.run,
        dataset: options.dataset,
        direction: options.direction,
      };
      context.exit(await runCliJob(job, new TranslationCliOutput(output.json)));
    });
}
