/**
 * pix2pix-64 on one TensorFlow.js engine, in its own process like tfjs-dcgan.ts: trains the default pix2pix
 * (U-Net and PatchGAN of width 32, 64 px, as `gan-studio train --model pix2pix` gets) on synthetic pairs, then
 * prints one JSON line (an EngineResult, model 'pix2pix64') on stdout. Images/s counts pairs. There is no
 * PyTorch peer for this workload: it measures our engines against each other.
 *
 *   tsx bench/tfjs-pix2pix.ts --backend wasm --batch 4 --warmup 2 --steps 10 [--threads 2]
 */
import { parseArgs } from 'node:util';
import { initBackend } from '../src-main/engine/backends/select-backend';
import { pix2pixConfigSchema } from '../src-main/engine/models/pix2pix/pix2pix-config';
import { Pix2pixTrainer } from '../src-main/engine/models/pix2pix/pix2pix-trainer';
import type { EngineResult } from './bench-result';
import { integerOption } from './measure';
import { syntheticImages } from './synthetic-images';
import { backendOptions, backendSkipped, ENGINE_OF, measuredResult, trainSteps } from './tfjs-training';

const PIX2PIX_MODEL = 'pix2pix64';
const SIZE = 64;
const PAIRS = 64;

function readOptions() {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      batch: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '2' },
      steps: { type: 'string', default: '10' },
      threads: { type: 'string' },
    },
    strict: true,
  });
  const backend = values.backend;
  if (backend !== 'node' && backend !== 'wasm' && backend !== 'cpu') {
    throw new Error(`--backend must be node, wasm or cpu (got ${JSON.stringify(backend)})`);
  }
  return {
    backend,
    batch: integerOption('--batch', values.batch),
    warmup: integerOption('--warmup', values.warmup, 0),
    steps: integerOption('--steps', values.steps),
    threads: values.threads === undefined ? undefined : integerOption('--threads', values.threads),
  } as const;
}

async function run(options: ReturnType<typeof readOptions>): Promise<EngineResult> {
  const engine = ENGINE_OF[options.backend];
  const base = {
    engine,
    model: PIX2PIX_MODEL,
    step: 'plain' as const,
    batch: options.batch,
    warmupSteps: options.warmup,
    timedSteps: options.steps,
  };
  let info;
  try {
    info = await initBackend(backendOptions(options));
  } catch (error) {
    return backendSkipped(base, error);
  }
  const rssStart = process.memoryUsage.rss();
  const config = pix2pixConfigSchema.parse({ imageSize: SIZE, batchSize: options.batch, seed: 1 });
  // Side B differs from side A; the content can't change the speed, only the losses.
  const a = syntheticImages(PAIRS, SIZE);
  const b = syntheticImages(PAIRS + 1, SIZE);
  const indices = Array.from({ length: PAIRS }, (_, i) => i);
  const trainer = new Pix2pixTrainer(config, {
    size: SIZE,
    a,
    b: { ...b, count: PAIRS, readImages: (wanted) => b.readImages(wanted.map((i) => i + 1)) },
    trainIndices: indices.slice(4),
    heldOutIndices: indices.slice(0, 4),
  });
  const timed = await trainSteps(trainer, options, `${engine} ${PIX2PIX_MODEL}`);
  const result = measuredResult(
    base,
    info,
    timed,
    { start: rssStart, end: process.memoryUsage.rss() },
    trainer,
  );
  trainer.dispose();
  return result;
}

process.stdout.write(`${JSON.stringify(await run(readOptions()))}\n`);
