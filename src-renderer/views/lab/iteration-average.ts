import type { IterationResult } from '../../../src-main/engine/lab/lab-session';

const KEYS = ['discriminatorLoss', 'generatorLoss', 'realScore', 'fakeScore'] as const;

/** The mean of one frame's iterations: a frame may run dozens, the charts get one point for them. */
export class IterationAverage {
  steps = 0;
  private sums = { discriminatorLoss: 0, generatorLoss: 0, realScore: 0, fakeScore: 0 };

  start(): void {
    this.steps = 0;
    for (const key of KEYS) this.sums[key] = 0;
  }

  add(result: IterationResult): void {
    this.steps += 1;
    for (const key of KEYS) this.sums[key] += result[key] ?? 0;
  }

  mean(): IterationResult | undefined {
    if (this.steps === 0) return undefined;
    const mean: IterationResult = {};
    for (const key of KEYS) mean[key] = this.sums[key] / this.steps;
    return mean;
  }
}
