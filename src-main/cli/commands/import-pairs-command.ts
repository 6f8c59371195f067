import type { Command } from 'commander';
import { addDatasetOptions, decimalIn, wholeNumber } from '../cli-arguments';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';
import { TranslationCliOutput } from './translation-output';

interface ImportPairsOptions {
  name: string;
  size: 32 | 64 | 128 | 256;
  sideBySide?: string;
  fit: 'crop' | 'pad';
  background: string;
  heldOut: number;
  splitSeed: number;
}

export function addImportPairsCommand(program: Command, context: CliContext): void {
  const command = program
    .command('import-pairs')
    .description('import the same scenes in two looks (A and B, e.g. day and night) as one paired dataset')
    .argument('[folderA]', 'folder of A images (e.g. day); files pair up with folder B’s by name')
    .argument('[folderB]', 'folder of B images (e.g. night)')
    .option(
      '--side-by-side <folder>',
      'instead: one folder of images with A on the left half and B on the right',
    )
    .option(
      '--held-out <fraction>',
      'share of pairs kept out of training for evaluation',
      decimalIn(0, 0.9),
      0.1,
    )
    .option('--split-seed <n>', 'seed that picks the held-out pairs', wholeNumber(0, 2 ** 32 - 1), 0);
  addDatasetOptions(command).action(async function (
    this: Command,
    folderA: string | undefined,
    folderB: string | undefined,
    options: ImportPairsOptions,
  ) {
    const { home, output } = context.globals();
    if (options.sideBySide !== undefined && (folderA !== undefined || folderB !== undefined)) {
      this.error('error: give either two folders or --side-by-side <folder>, not both', { exitCode: 2 });
    }
    if (options.sideBySide === undefined && (folderA === undefined || folderB === undefined)) {
      this.error('error: missing folders: give folder A and folder B, or --side-by-side <folder>', {
        exitCode: 2,
      });
    }
    const source =
      options.sideBySide !== undefined
        ? { layout: 'side-by-side' as const, folder: options.sideBySide }
        : { layout: 'two-folders' as const, a: folderA!, b: folderB! };
    const job = {
      kind: 'import-pairs' as const,
      home,
      name: options.name,
      source,
      size: options.size,
      fit: options.fit,
      background: options.background,
      heldOutFraction: options.heldOut,
      splitSeed: options.splitSeed,
    };
    context.exit(await runCliJob(job, new TranslationCliOutput(output.json)));
  });
}
