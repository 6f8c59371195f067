import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';

export function addExportModelCommand(program: Command, context: CliContext): void {
  program
    .command('export-model')
    .description(
      "write a run's generator as a TensorFlow.js model (model.json + weights.bin + README) for use in a web page",
    )
    .requiredOption('--run <name>', 'run to export (its newest checkpoint; dcgan runs)')
    .requiredOption('--out <folder>', 'folder to write the model into')
    .action(async (options: { run: string; out: string }) => {
      const { home, output } = context.globals();
      const job = { kind: 'export-model' as const, home, run: options.run, outFolder: resolve(options.out) };
      context.exit(await runCliJob(job, output));
    });
}
