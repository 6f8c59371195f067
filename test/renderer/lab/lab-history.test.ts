import { describe, expect, it } from 'vitest';
import { FrameBudget } from '../../../src-renderer/views/lab/frame-budget';
import { FrameMeter } from '../../../src-renderer/views/lab/frame-meter';
import { ChartSeries } from '../../../src-renderer/views/lab/lab-history';

describe('Lab chart series', () => {
  it('carries a missing value forward and skips what cannot be drawn', () => {
    const series = new ChartSeries(['d', 'g'] as const);
    series.push(1, { d: 0.5 });
    series.push(2, { g: 0.7 });
    series.push(3, { d: Number.NaN, g: 0.8 });
    expect(series.data()).toEqual([[2], [0.5], [0.7]]);
    expect(series.latest('g')).toBe(0.8);
  });

  it('keeps its size bounded on a long run, with the whole history at lower resolution', () => {
    const series = new ChartSeries(['v'] as const);
    for (let i = 1; i <= 20_000; i++) series.push(i, { v: i });
    expect(series.x.length).toBeLessThan(1600);
    expect(series.x[0]).toBeLessThan(50);
    expect(series.x[series.x.length - 1]).toBeGreaterThan(19_000);
    expect([...series.x].sort((a, b) => a - b)).toEqual(series.x);
  });
});

describe('Lab frame budget and meter', () => {
  it("trains for under half the display's period, less when the rest of the frame's work is heavy", () => {
    const budget = new FrameBudget();
    expect(budget.next(0)).toBeCloseTo(0.45 * 20); // before it knows the display: a 50 Hz guess
    budget.workDone(10, 8);
    expect(budget.next(1000 / 60)).toBeCloseTo(0.45 * (1000 / 60));
    for (let i = 0; i < 100; i++) budget.workDone(20, 8); // 12 ms of probing and painting every frame
    expect(budget.milliseconds).toBeCloseTo(0.85 * (1000 / 60) - 12, 1);
    for (let i = 0; i < 100; i++) budget.workDone(40, 1);
    expect(budget.milliseconds).toBe(1);
    budget.reset();
    expect(budget.next(5000)).toBe(1); // the heavy frames are remembered across a pause
  });

  it('counts frames and steps per second over the last second', () => {
    const meter = new FrameMeter();
    for (let i = 0; i <= 60; i++) meter.tick((i * 1000) / 60, 10);
    expect(meter.framesPerSecond).toBeCloseTo(60, 0);
    expect(meter.stepsPerSecond).toBeCloseTo(600, -1);
  });
});
