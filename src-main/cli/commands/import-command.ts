import type { Command } from 'commander';
import { addDatasetOptions } from '../cli-arguments';
import { runCliJob } from '../run-cli-job';
import type { CliContext } from '../cli-context';

export function addImportCommand(program: Command, context: CliContext): void {
  const command = program
    .command('import')
    .description('import a folder of images (subfolders become class labels) as a dataset')
    .argument('<folder...>', 'folders and/or image files');
  addDatasetOptions(command).action(
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
