/**
 * Where one training step's time goes, kernel by kernel (`npm run bench -- --profile`). On wasm every kernel
 * runs synchronously, so tf.profile's kernelTimeMs is the kernel's own wall time (the backend's time() just
 * brackets the call); on tfjs-node it is the native op's time. The rest of a step's wall time is JavaScript
 * around the kernels: the engine's bookkeeping, the gradient tape, our own loops, and the loss readback.
 */
import * as tf from '@tensorflow/tfjs';
import { median } from './measure';

export interface KernelRow {
  kernel: string;
  /** Input shapes, to tell e.g. the generator's convs from the discriminator's. */
  shapes: string;
  /** Calls per step. */
  calls: number;
  /** Milliseconds per step. */
  ms: number;
}

/** One profiled step, or the average of several. */
export interface StepProfile {
  /** Wall time of the profiled step (tf.profile adds a little bookkeeping per kernel). */
  stepMs: number;
  kernelMs: number;
  kernelCalls: number;
  rows: KernelRow[];
}

/** What a bench result carries: the average profile, and the step time without profiling next to it. */
export interface TrainingProfile extends StepProfile {
  profiledSteps: number;
  /** Median wall time of the same run's unprofiled timed steps. */
  unprofiledStepMs: number;
  /** Per kernel name, summed over shapes, slowest first. */
  byKernel: { kernel: string; calls: number; ms: number }[];
}

/**
 * Ops with a custom gradient appear twice in a profile: once under their scope's name, covering every kernel
 * they ran, and once per kernel. Only registered kernels are counted, so nothing is counted twice.
 */
function isKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

const rowKey = (row: { kernel: string; shapes: string }) => `${row.kernel} ${row.shapes}`;

/** Profiles one call of `step`, grouping kernels by name and input shapes, slowest first. */
export async function profileStep(step: () => Promise<unknown>): Promise<StepProfile> {
  const started = performance.now();
  let stepMs = 0;
  const info = await tf.profile(async () => {
    await step();
    stepMs = performance.now() - started;
  });
  const rows = new Map<string, KernelRow>();
  let kernelMs = 0;
  let kernelCalls = 0;
  for (const record of info.kernels) {
    if (!isKernel(record.name)) continue;
    const ms = Number(record.kernelTimeMs);
    const shapes = record.inputShapes.map((s) => (s ? `[${s.join(',')}]` : '-')).join(' ');
    const key = rowKey({ kernel: record.name, shapes });
    const row = rows.get(key) ?? { kernel: record.name, shapes, calls: 0, ms: 0 };
    row.calls += 1;
    row.ms += ms;
    rows.set(key, row);
    kernelMs += ms;
    kernelCalls += 1;
  }
  return { stepMs, kernelMs, kernelCalls, rows: [...rows.values()].sort((a, b) => b.ms - a.ms) };
}

/** The per-step average of several profiles of the same step. */
export function averageProfiles(profiles: StepProfile[]): StepProfile {
  const count = profiles.length;
  const rows = new Map<string, KernelRow>();
  for (const profile of profiles) {
    for (const row of profile.rows) {
      const sum = rows.get(rowKey(row)) ?? { ...row, calls: 0, ms: 0 };
      sum.calls += row.calls / count;
      sum.ms += row.ms / count;
      rows.set(rowKey(row), sum);
    }
  }
  const mean = (pick: (p: StepProfile) => number) => profiles.reduce((s, p) => s + pick(p), 0) / count;
  return {
    stepMs: mean((p) => p.stepMs),
    kernelMs: mean((p) => p.kernelMs),
    kernelCalls: mean((p) => p.kernelCalls),
    rows: [...rows.values()].sort((a, b) => b.ms - a.ms),
  };
}

function byKernel(rows: KernelRow[]): TrainingProfile['byKernel'] {
  const totals = new Map<string, { kernel: string; calls: number; ms: number }>();
  for (const row of rows) {
    const total = totals.get(row.kernel) ?? { kernel: row.kernel, calls: 0, ms: 0 };
    total.calls += row.calls;
    total.ms += row.ms;
    totals.set(row.kernel, total);
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}

/** Profiles `count` training steps after `firstStep` completed ones; `timedStepMs` are the unprofiled steps. */
export async function profileTraining(
  trainer: { trainStep(step: number, scale: number): Promise<unknown> },
  firstStep: number,
  count: number,
  timedStepMs: number[],
): Promise<TrainingProfile> {
  const profiles: StepProfile[] = [];
  for (let step = firstStep; step < firstStep + count; step++) {
    profiles.push(await profileStep(() => trainer.trainStep(step, 1)));
  }
  const average = averageProfiles(profiles);
  return {
    ...average,
    profiledSteps: count,
    unprofiledStepMs: median(timedStepMs),
    byKernel: byKernel(average.rows),
  };
}
