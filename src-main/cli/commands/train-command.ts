import type { Command } from 'commander';
import { modelIds } from '../../engine/models/registry';
import { createNewRun } from '../../jobs/create-run';
import { wholeNumber } from '../cli-arguments';
import type { CliContext } from '../cli-context';
import { runCliJob } from '../run-cli-job';
import { TranslationCliOutput } from './translation-output';

interface TrainOptions {
  dataset?: string;
  datasetA?: string;
  datasetB?: string;
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
    .option('--dataset <name>', 'dataset to train on (a paired one for pix2pix)')
    .option('--dataset-a <name>', 'cyclegan on two unmatched datasets: side A (e.g. day photos)')
    .option('--dataset-b <name>', 'cyclegan on two unmatched datasets: side B (e.g. night photos)')
    .requiredOption('--run <name>', 'name for the new run')
    .option('--model <id>', `model to train (${modelIds().join(', ')})`, 'dcgan')
    .option('--steps <n>', 'total training steps', wholeNumber(1))
    .option('--batch <n>', 'images per step', wholeNumber(1, 1024))
    .option('--seed <n>', 'random seed (default: a new random one)', wholeNumber(0, 2 ** 32 - 1))
    .option('--preview-every <n>', 'save a preview grid every n steps', wholeNumber(1))
    .option('--checkpoint-every <n>', 'write a checkpoint every n steps', wholeNumber(1))
    .option('--progress-every <n>', 'report losses every n steps', wholeNumber(1))
    .action(async function (this: Command, options: TrainOptions) {
      const datasets = chooseDatasets(options, (message) => this.error(`error: ${message}`, { exitCode: 2 }));
      const { home, output } = context.globals();
      const config = {
        steps: options.steps,
        batchSize: options.batch,
        seed: options.seed ?? Math.floor(Math.random() * 2 ** 32),
        previewEvery: options.previewEvery,
        checkpointEvery: options.checkpointEvery,
        progressEvery: options.progressEvery,
      };
      createNewRun(home, options.run, {
        ...datasets,
        model: options.model,
        config: withoutUndefined(config),
      });
      // Translation runs also report held-out scores at each preview.
      const job = { kind: 'train' as const, home, run: options.run };
      context.exit(await runCliJob(job, new TranslationCliOutput(output.json)));
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

/** One dataset, or two for a run on unmatched sides; `fail` reports a bad combination (and doesn't return). */
function chooseDatasets(
  options: TrainOptions,
  fail: (message: string) => never,
): { dataset: string; datasetB?: string } {
  const { dataset, datasetA, datasetB } = options;
  if (dataset !== undefined && (datasetA !== undefined || datasetB !== undefined)) {
    fail('give --dataset, or --dataset-a with --dataset-b, not both');
  }
  if (dataset !== undefined) return { dataset };
  if (datasetA !== undefined && datasetB !== undefined) return { dataset: datasetA, datasetB };
  if (datasetA !== undefined || datasetB !== undefined) fail('give both --dataset-a and --dataset-b');
  return fail('missing dataset: give --dataset <name> (or --dataset-a and --dataset-b for cyclegan)');
}

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
