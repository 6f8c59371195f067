import { type Command, Option } from 'commander';
import { datasetSize } from '../cli-arguments';
import { runCliJob } from '../run-cli-job';
import type { CliContext } from '../cli-context';

export function addImportCommand(program: Command, context: CliContext): void {
  program
    .command('import')
    .description('import a folder of images (subfolders become class labels) as a dataset')
    .argument('<folder...>', 'folders and/or image files')
    .requiredOption('--name <name>', 'dataset name: letters, digits, . _ -')
    .requiredOption('--size <px>', 'square image size: 32, 64, 128 or 256', datasetSize)
    .addOption(
      new Option('--fit <how>', 'make images square by cropping or padding')
        .choices(['crop', 'pad'])
        .default('crop'),
    )
    .option('--background <hex>', 'colour transparent pixels are flattened onto', '#ffffff')
    .action(
      async (
        sources: string[],
        options: { name: string; size: 32 | 64 | 128 | 256; fit: 'crop' | 'pad'; background: string },
      ) => {
        const { home, output } = context.globals();
        context.exit(
          await runCliJob(
            {
              kind: 'import',
              home,
              sources,
              name: options.name,
              size: options.size,
              fit: options.fit,
              background: options.background,
            },
            output,
          ),
        );
      },
    );
}
