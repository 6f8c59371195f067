/**
 * One TensorFlow.js engine run, in its own process so backends can't interfere and memory is this engine's
 * alone: trains the reference DCGAN with our DcganTrainer on the backend asked for, then prints one JSON line
 * (an EngineResult) on stdout. Progress goes to stderr.
 *
 *   tsx bench/tfjs-dcgan.ts --backend wasm --model dcgan32 --batch 64 --warmup 3 --steps 10 [--augment] [--preview 5]
 *     [--threads 2] [--profile 3]
 *
 * --profile N profiles N more steps kernel by kernel (bench/kernel-profile.ts) and adds the table to the result.
 */
import { parseArgs } from 'node:util';
import { initBackend, type BackendInfo } from '../src-main/engine/backends/select-backend';
import type { BackendChoice } from '../src-main/engine/backends/backend-info';
import { RealImageBatches } from '../src-main/engine/data/real-image-batches';
import { dcganConfigSchema } from '../src-main/engine/models/dcgan/dcgan-config';
import { DcganTrainer } from '../src-main/engine/models/dcgan/dcgan-trainer';
import type { EngineResult } from './bench-result';
import { isModelName, MODELS, type ModelName, REFERENCE_SHAPE } from './reference-dcgan';
import { integerOption, timeMedian } from './measure';
import { syntheticImages } from './synthetic-images';
import { profileTraining } from './kernel-profile';
import { backendOptions, backendSkipped, ENGINE_OF, measuredResult, trainSteps } from './tfjs-training';

interface Options {
  backend: BackendChoice;
  model: ModelName;
  batch: number;
  warmup: number;
  steps: number;
  augment: boolean;
  previewRepeats: number;
  threads: number | undefined;
  profileSteps: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      model: { type: 'string', default: 'dcgan32' },
      batch: { type: 'string', default: '64' },
      warmup: { type: 'string', default: '3' },
      steps: { type: 'string', default: '10' },
      augment: { type: 'boolean', default: false },
      preview: { type: 'string', default: '0' },
      threads: { type: 'string' },
      profile: { type: 'string', default: '0' },
    },
    strict: true,
  });
  const backend = values.backend;
  if (backend !== 'node' && backend !== 'wasm' && backend !== 'cpu') {
    throw new Error(`--backend must be node, wasm or cpu (got ${JSON.stringify(backend)})`);
  }
  if (!isModelName(values.model)) throw new Error(`--model must be one of ${Object.keys(MODELS).join(', ')}`);
  return {
    backend,
    model: values.model,
    batch: integerOption('--batch', values.batch),
    warmup: integerOption('--warmup', values.warmup, 0),
    steps: integerOption('--steps', values.steps),
    augment: values.augment,
    previewRepeats: integerOption('--preview', values.preview, 0),
    threads: values.threads === undefined ? undefined : integerOption('--threads', values.threads),
    profileSteps: integerOption('--profile', values.profile, 0),
  };
}

async function run(options: Options): Promise<EngineResult> {
  const engine = ENGINE_OF[options.backend];
  const base = {
    engine,
    model: options.model,
    step: options.augment ? ('diffaugment' as const) : ('plain' as const),
    batch: options.batch,
    warmupSteps: options.warmup,
    timedSteps: options.steps,
  };
  let info: BackendInfo;
  try {
    info = await initBackend(backendOptions(options));
  } catch (error) {
    return backendSkipped(base, error);
  }
  const rssStart = process.memoryUsage.rss();

  const imageSize = MODELS[options.model];
  const config = dcganConfigSchema.parse({
    imageSize,
    ...REFERENCE_SHAPE,
    batchSize: options.batch,
    previewCount: 16,
    seed: 1,
    augment: { color: options.augment, translation: options.augment, cutout: options.augment },
  });
  const trainer = new DcganTrainer(
    config,
    new RealImageBatches(syntheticImages(256, imageSize), config.seed),
  );

  const timed = await trainSteps(trainer, options, `${engine} ${options.model}`);
  const rssEnd = process.memoryUsage.rss();

  // The preview runs the averaged generator in eval mode at batch 16: new shapes, so the first call is a warm-up.
  const previewMs =
    options.previewRepeats > 0
      ? await timeMedian(() => trainer.renderPreview(), options.previewRepeats)
      : undefined;

  const result = measuredResult(base, info, timed, { start: rssStart, end: rssEnd }, trainer);
  const profile =
    options.profileSteps > 0
      ? await profileTraining(trainer, options.warmup + options.steps, options.profileSteps, timed.stepMs)
      : undefined;
  trainer.dispose();
  return { ...result, ...(previewMs === undefined ? {} : { previewMs }), ...(profile ? { profile } : {}) };
}

const result = await run(readOptions());
process.stdout.write(`${JSON.stringify(result)}\n`);
