import type { Command } from 'commander';
import { modelIds } from '../../engine/models/registry';
import { wholeNumber } from '../cli-arguments';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';

interface TrainOptions {
  dataset: string;
  run: string;
  model: string;
  steps?: number;
  batch?: number;
  seed?: number;
  previewEvery?: number;
  checkpointEvery?: number;
  progressEvery?: number;
}

export function addTrainCommands(program: Command, context: CliContext): void {
  program
    .command('train')
    .description('start a new training run on a dataset')
    .requiredOption('--dataset <name>', 'dataset to train on')
    .requiredOption('--run <name>', 'name for the new run')
    .option('--model <id>', `model to train (${modelIds().join(', ')})`, 'dcgan')
    .option('--steps <n>', 'total training steps', wholeNumber(1))
    .option('--batch <n>', 'images per step', wholeNumber(1, 1024))
    .option('--seed <n>', 'random seed (default: a new random one)', wholeNumber(0, 2 ** 32 - 1))
    .option('--preview-every <n>', 'save a preview grid every n steps', wholeNumber(1))
    .option('--checkpoint-every <n>', 'write a checkpoint every n steps', wholeNumber(1))
    .option('--progress-every <n>', 'report losses every n steps', wholeNumber(1))
    .action(async (options: TrainOptions) => {
      const { home, output } = context.globals();
      const config = {
        steps: options.steps,
        batchSize: options.batch,
        seed: options.seed ?? Math.floor(Math.random() * 2 ** 32),
        previewEvery: options.previewEvery,
        checkpointEvery: options.checkpointEvery,
        progressEvery: options.progressEvery,
      };
      const job = {
        kind: 'train' as const,
        home,
        run: options.run,
        create: { dataset: options.dataset, model: options.model, config: withoutUndefined(config) },
      };
      context.exit(await runCliJob(job, output));
    });

  program
    .command('resume')
    .description('continue a run from its last checkpoint')
    .requiredOption('--run <name>', 'run to resume')
    .option('--steps <n>', 'new total steps (default: the run’s total)', wholeNumber(1))
    .action(async (options: { run: string; steps?: number }) => {
      const { home, output } = context.globals();
      context.exit(
        await runCliJob({ kind: 'train', home, run: options.run, totalSteps: options.steps }, output),
      );
    });
}

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
