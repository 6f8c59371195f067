/**
 * Where one training step's time goes, kernel by kernel (`npm run bench -- --profile`). On wasm every kernel
 * runs synchronously, so tf.profile's kernelTimeMs is the kernel's own wall time (the backend's `time()` just
 * brackets the call); on tfjs-node it is the native op's time. The rest of the step's wall time is JavaScript:
 * the engine's bookkeeping, the gradient tape, our own loops, and the readback.
 */
import * as tf from '@tensorflow/tfjs';

export interface KernelRow {
  kernel: string;
  /** Input shapes of the first call, to tell apart e.g. the generator's and discriminator's convs. */
  shapes: string;
  calls: number;
  ms: number;
}

export interface StepProfile {
  /** Wall time of the profiled step itself (tf.profile adds a little bookkeeping per kernel). */
  stepMs: number;
  kernelMs: number;
  kernelCalls: number;
  rows: KernelRow[];
}

/**
 * Ops with a custom gradient appear twice in a profile: once under their scope name, covering every kernel
 * they ran, and once per kernel. Only registered kernels are counted, so nothing is counted twice.
 */
function isKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/** Profiles one call of `step`, grouping kernels by name and input shapes. */
export async function profileStep(step: () => Promise<unknown>): Promise<StepProfile> {
  const started = performance.now();
  let stepMs = 0;
  const info = await tf.profile(async () => {
    await step();
    stepMs = performance.now() - started;
  });
  const byKey = new Map<string, KernelRow>();
  let kernelMs = 0;
  let kernelCalls = 0;
  for (const record of info.kernels) {
    if (!isKernel(record.name)) continue;
    const ms = Number(record.kernelTimeMs);
    const shapes = record.inputShapes.map((s) => (s ? `[${s.join(',')}]` : '-')).join(' ');
    const key = `${record.name} ${shapes}`;
    const row = byKey.get(key) ?? { kernel: record.name, shapes, calls: 0, ms: 0 };
    row.calls += 1;
    row.ms += ms;
    byKey.set(key, row);
    kernelMs += ms;
    kernelCalls += 1;
  }
  const rows = [...byKey.values()].sort((a, b) => b.ms - a.ms);
  return { stepMs, kernelMs, kernelCalls, rows };
}

/** Sums rows of several profiles of the same step, and averages them per step. */
export function averageProfiles(profiles: StepProfile[]): StepProfile {
  const count = profiles.length;
  const byKey = new Map<string, KernelRow>();
  for (const profile of profiles) {
    for (const row of profile.rows) {
      const key = `${row.kernel} ${row.shapes}`;
      const sum = byKey.get(key) ?? { ...row, calls: 0, ms: 0 };
      sum.calls += row.calls / count;
      sum.ms += row.ms / count;
      byKey.set(key, sum);
    }
  }
  const mean = (pick: (p: StepProfile) => number) => profiles.reduce((s, p) => s + pick(p), 0) / count;
  return {
    stepMs: mean((p) => p.stepMs),
    kernelMs: mean((p) => p.kernelMs),
    kernelCalls: mean((p) => p.kernelCalls),
    rows: [...byKey.values()].sort((a, b) => b.ms - a.ms),
  };
}
