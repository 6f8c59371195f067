import type { LabFrame, DistanceReading } from './lab-probes';
import type { IterationResult } from './lab-session';
import type { HealthReading } from './trouble-signs';

/** Median length of the arrows (dx, dy interleaved): how hard G is being pushed, typically. */
export function medianArrowLength(push: Float32Array): number {
  const lengths = new Float64Array(push.length / 2);
  for (let i = 0; i < lengths.length; i++) lengths[i] = Math.hypot(push[2 * i]!, push[2 * i + 1]!);
  lengths.sort();
  return lengths.length === 0 ? 0 : lengths[lengths.length >> 1]!;
}

/** Puts together what TroubleWatch reads from the latest iteration, frame and measurement. */
export function healthReading(
  iteration: number,
  latest: Required<IterationResult>,
  frame: LabFrame,
  distance: DistanceReading,
): HealthReading {
  return {
    iteration,
    realScore: latest.realScore,
    fakeScore: latest.fakeScore,
    generatorLoss: latest.generatorLoss,
    discriminatorLoss: latest.discriminatorLoss,
    pushMedian: medianArrowLength(frame.push),
    js: distance.js,
    coverage: distance.coverage,
    spread: distance.spread,
  };
}
