import { describe, expect, it } from 'vitest';
import { LAB_DEFAULTS } from '../../../src-main/engine/lab/lab-config';
import { labConfig, maxDifference, plainSession } from './lab-test-setup';

describe('Lab session', () => {
  it('replays a seeded run exactly: same losses, same points', () => {
    const runs = [1, 2].map(() => {
      const session = plainSession(labConfig({ seed: 42 }));
      const losses = Array.from({ length: 60 }, () => session.trainIteration());
      return { losses, frame: session.frame(), reading: session.measure() };
    });
    const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(a.losses).toEqual(b.losses);
    expect(maxDifference(a.frame.fakes, b.frame.fakes)).toBe(0);
    expect(maxDifference(a.frame.heat, b.frame.heat)).toBe(0);
    expect(a.reading).toEqual(b.reading);
  });

  it('gives another run for another seed', () => {
    const a = plainSession(labConfig({ seed: 1 })).trainIteration();
    const b = plainSession(labConfig({ seed: 2 })).trainIteration();
    expect(a.generatorLoss).not.toBe(b.generatorLoss);
  });

  it('draws batches by update count, so single steps replay an iteration exactly', () => {
    const config = labConfig({ seed: 3, discriminatorSteps: 2 });
    const byIteration = plainSession(config);
    const bySteps = plainSession(config);
    for (let i = 0; i < 5; i++) {
      byIteration.trainIteration();
      bySteps.stepDiscriminator();
      bySteps.stepDiscriminator();
      bySteps.stepGenerator();
    }
    expect(maxDifference(byIteration.frame().fakes, bySteps.frame().fakes)).toBe(0);
    expect(bySteps.iteration).toBe(15);
  });

  it('applies settings live but refuses architecture changes', () => {
    const session = plainSession(labConfig());
    session.configure({ ...session.config, target: 'spiral', generatorLearningRate: 0.01 });
    expect(session.targetName).toBe('spiral');
    expect(() => session.configure({ ...session.config, generatorHidden: 30 })).toThrow(/architecture/);
    expect(() => session.configure({ ...session.config, seed: 7 })).toThrow(/new session/);
  });

  it("learns the ring with the Lab's defaults: JS falls well below where it starts", () => {
    expect(LAB_DEFAULTS.target).toBe('ring');
    const session = plainSession(labConfig({ seed: 3 }));
    const start = session.measure();
    for (let i = 0; i < 3500; i++) session.trainIteration();
    const end = session.measure();
    expect(end.js).toBeLessThan(start.js / 2);
    expect(end.coverage.modes?.covered).toBeGreaterThanOrEqual(6);
  });
});
