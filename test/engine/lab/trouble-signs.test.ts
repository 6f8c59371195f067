import { describe, expect, it } from 'vitest';
import { healthReading } from '../../../src-main/engine/lab/health-reading';
import type { IterationResult } from '../../../src-main/engine/lab/lab-session';
import { type HealthReading, TroubleWatch } from '../../../src-main/engine/lab/trouble-signs';
import { labConfig, plainSession } from './lab-test-setup';

const healthy: HealthReading = {
  iteration: 2000,
  realScore: 0.55,
  fakeScore: 0.45,
  generatorLoss: 0.75,
  discriminatorLoss: 0.66,
  pushMedian: 0.5,
  js: 0.1,
  coverage: { fraction: 1, modes: { covered: 8, total: 8 } },
  spread: 1.2,
};

/** `times` readings, 100 iterations apart, from `reading.iteration` on. */
function feed(watch: TroubleWatch, reading: Partial<HealthReading>, times = 20) {
  const start = reading.iteration ?? healthy.iteration;
  let signs = watch.update({ ...healthy, ...reading, iteration: start });
  for (let i = 1; i < times; i++)
    signs = watch.update({ ...healthy, ...reading, iteration: start + 100 * i });
  return signs.map((sign) => sign.kind);
}

describe('Trouble signs', () => {
  it('shows nothing for a healthy run', () => {
    expect(feed(new TroubleWatch(), {})).toEqual([]);
  });

  it('turns a sign on past one threshold and off only past a gentler one', () => {
    const watch = new TroubleWatch();
    expect(feed(watch, { realScore: 0.97, fakeScore: 0.02 })).toEqual(['discriminator-wins']);
    expect(feed(watch, { realScore: 0.75, fakeScore: 0.25 })).toEqual(['discriminator-wins']);
    expect(feed(watch, {})).toEqual([]);
  });

  it('reports mode collapse when G piles onto a few modes for a while, not while it is still spreading out', () => {
    const collapsed = { coverage: { fraction: 0.25, modes: { covered: 2, total: 8 } }, spread: 0.2 };
    expect(feed(new TroubleWatch(), collapsed, 5)).toEqual([]); // a passing bunching-up, 400 iterations long
    expect(feed(new TroubleWatch(), { ...collapsed, spread: 1.5 })).toEqual([]); // still spread out: learning
    const watch = new TroubleWatch();
    expect(feed(watch, collapsed)).toEqual(['mode-collapse']);
    expect(watch.update({ ...healthy, ...collapsed, iteration: 9000 })[0]?.title).toMatch(/2 of 8 modes/);
    expect(feed(watch, {})).toEqual([]);
  });

  it('reports vanished gradients, and a blow-up above everything else', () => {
    expect(feed(new TroubleWatch(), { pushMedian: 0, js: 0.6 })).toEqual(['vanishing-gradients']);
    expect(feed(new TroubleWatch(), { generatorLoss: Number.NaN })).toEqual(['diverged']);
  });

  it('stays quiet through a healthy run of the defaults, and catches a collapse when G learns 30x too fast', () => {
    expect(signsOfRun({}, 4000)).toEqual([]);
    expect(signsOfRun({ generatorLearningRate: 0.1 }, 4000)).toContain('mode-collapse');
  });

  it('catches D winning when a person breaks the GAN: SGD at 0.3, five D steps per iteration', () => {
    const broken = {
      generatorOptimizer: 'sgd',
      discriminatorOptimizer: 'sgd',
      generatorLearningRate: 0.3,
      discriminatorLearningRate: 0.3,
      discriminatorSteps: 5,
    } as const;
    expect(signsOfRun(broken, 2500)).toContain('discriminator-wins');
  });

  it("catches G's gradients vanishing when D's huge learning rate kills its ReLUs", () => {
    expect(signsOfRun({ discriminatorLearningRate: 1 }, 1500)).toContain('vanishing-gradients');
  });
});

/** Every sign seen while training a fresh session, read every 25 iterations as the view would. */
function signsOfRun(overrides: Parameters<typeof labConfig>[0], iterations: number): string[] {
  const session = plainSession(labConfig(overrides));
  const watch = new TroubleWatch();
  const seen = new Set<string>();
  for (let i = 0; i < iterations; i++) {
    const result = session.trainIteration() as Required<IterationResult>;
    if (i % 25 !== 0) continue;
    const signs = watch.update(healthReading(session.iteration, result, session.frame(), session.measure()));
    for (const sign of signs) seen.add(sign.kind);
  }
  return [...seen];
}
