import type * as tf from '@tensorflow/tfjs';
import type { BackendInfo, InitBackendOptions } from '../src-main/engine/backends/select-backend';
import type { BackendChoice } from '../src-main/engine/backends/backend-info';
import type { ParamStore } from '../src-main/engine/layers/param-store';
import { type EngineName, type EngineResult, megabytes, skippedResult } from './bench-result';
import { openContentionWindow, otherCores } from './cpu-contention';
import { stepStats } from './measure';

/** What the TensorFlow.js children (tfjs-dcgan.ts, tfjs-pix2pix.ts) share: timing steps and describing the engine. */

export const ENGINE_OF: Record<BackendChoice, EngineName> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

/** initBackend's options for a child's --backend and --threads (the threads only matter to wasm). */
export function backendOptions(options: {
  backend: BackendChoice;
  threads: number | undefined;
}): InitBackendOptions {
  return {
    forced: options.backend,
    ...(options.threads === undefined ? {} : { wasmThreads: options.threads }),
  };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function trainableCount(tensors: tf.Variable[]): number {
  return tensors.reduce((sum, t) => sum + t.size, 0);
}

function versionsOf(info: BackendInfo): Record<string, string> {
  const versions: Record<string, string> = { tfjs: info.versions.tfjs, node: info.versions.node };
  if (info.versions.backend) versions.backend = info.versions.backend;
  if (info.simd !== undefined) versions.simd = String(info.simd);
  return versions;
}

export interface TimedSteps {
  stepMs: number[];
  lastLosses: { d: number; g: number };
  rssPeak: number;
  otherCores: number | undefined;
}

/** Warm-up steps (first-call kernel setup, allocation), then the timed ones, watching memory and other processes. */
export async function trainSteps(
  trainer: { trainStep(step: number, scale: number): Promise<{ dLoss: number; gLoss: number }> },
  options: { warmup: number; steps: number },
  label: string,
): Promise<TimedSteps> {
  const stepMs: number[] = [];
  let lastLosses = { d: NaN, g: NaN };
  let rssPeak = 0;
  let contention = openContentionWindow();
  const total = options.warmup + options.steps;
  for (let step = 0; step < total; step++) {
    if (step === options.warmup) contention = openContentionWindow();
    const started = performance.now();
    const metrics = await trainer.trainStep(step, 1);
    const ms = performance.now() - started;
    lastLosses = { d: round3(metrics.dLoss), g: round3(metrics.gLoss) };
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    if (step >= options.warmup) stepMs.push(ms);
    const phase = step < options.warmup ? 'warm-up' : 'timed';
    process.stderr.write(`  ${label} step ${step + 1}/${total} (${phase}) ${ms.toFixed(0)} ms\n`);
  }
  return { stepMs, lastLosses, rssPeak, otherCores: otherCores(contention) };
}

/** An engine that can't load here (tfjs-node without its native library) is a result to report, not a crash. */
export function backendSkipped(
  base: Pick<EngineResult, 'engine' | 'model' | 'step' | 'batch' | 'warmupSteps' | 'timedSteps'>,
  error: unknown,
): EngineResult {
  return skippedResult({ ...base, threads: null }, error instanceof Error ? error.message : String(error));
}

/** The result of a run that trained: speed from the timed steps, memory, weights and the engine's versions. */
export function measuredResult(
  base: Pick<EngineResult, 'engine' | 'model' | 'step' | 'batch' | 'warmupSteps' | 'timedSteps'>,
  info: BackendInfo,
  timed: TimedSteps,
  rss: { start: number; end: number },
  networks: { generator: ParamStore; discriminator: ParamStore },
): EngineResult {
  const seconds = timed.stepMs.reduce((sum, ms) => sum + ms, 0) / 1000;
  return {
    ...base,
    threads: info.threads,
    imgPerSec: (base.batch * base.timedSteps) / seconds,
    stepMs: stepStats(timed.stepMs),
    rssStartMB: megabytes(rss.start),
    rssEndMB: megabytes(rss.end),
    rssPeakMB: megabytes(Math.max(rss.start, timed.rssPeak, rss.end)),
    params: {
      generator: trainableCount(networks.generator.trainable()),
      discriminator: trainableCount(networks.discriminator.trainable()),
    },
    lastLosses: timed.lastLosses,
    ...(timed.otherCores === undefined ? {} : { otherCores: timed.otherCores }),
    versions: versionsOf(info),
    kernelsAdded: info.kernelsAdded,
  };
}
