import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';
import { TranslationCliOutput } from './translation-output';

export function addTranslateCommand(program: Command, context: CliContext): void {
  program
    .command('translate')
    .description(
      'translate a photo, or a folder of photos, with a pix2pix or CycleGAN run (any size in, same size out)',
    )
    .requiredOption('--run <name>', 'run whose newest checkpoint translates')
    .requiredOption('--in <path>', 'a photo, or a folder of photos (subfolders included)')
    .requiredOption('--out <folder>', 'folder to write the translated PNGs into')
    .addOption(
      new Option('--direction <way>', 'a2b (e.g. day to night) or b2a (CycleGAN only)')
        .choices(['a2b', 'b2a'])
        .default('a2b'),
    )
    .action(async (options: { run: string; in: string; out: string; direction: 'a2b' | 'b2a' }) => {
      const { home, output } = context.globals();
      const job = {
        kind: 'translate' as const,
        home,
        run: options.run,
        input: resolve(options.in),
        outFolder: resolve(options.out),
        direction: options.direction,
      };
      context.exit(await runCliJob(job, new TranslationCliOutput(output.json)));
    });
}
