/** Small helpers for turning timings into the numbers an EngineResult carries. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function stepStats(stepMs: number[]): { median: number; min: number; max: number } {
  return {
    median: round1(median(stepMs)),
    min: round1(Math.min(...stepMs)),
    max: round1(Math.max(...stepMs)),
  };
}

/** Median wall time of `repeats` calls of `task`, after one untimed call that warms up kernels and shapes. */
export async function timeMedian(task: () => Promise<unknown>, repeats: number): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return round1(median(times));
}

/** An integer option value, with an error that names the option. */
export function integerOption(name: string, raw: string, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
  }
  return value;
}
