import { describe, expect, it } from 'vitest';

import type { ImportProgressEvent } from '../../src-main/shared/job-events';
import { createProgressReporter } from '../../src-main/library/import/progress-reporter';

describe('createProgressReporter', () => {
  it('throttles within a phase but always passes a phase start, its end and a new phase', () => {
    let clock = 0;
    const events: ImportProgressEvent[] = [];
    const report = createProgressReporter(
      (event) => events.push(event),
      100,
      () => clock,
    );
    report('decoding', 0, 5);
    clock = 10;
    report('decoding', 1, 5); // too soon: dropped
    clock = 150;
    report('decoding', 2, 5);
    clock = 160;
    report('decoding', 5, 5); // the end always gets through
    report('decoding', 5, 5); // repeated: dropped
    report('writing', 0, 1);
    expect(events.map((event) => [event.phase, event.done, event.total])).toEqual([
      ['decoding', 0, 5],
      ['decoding', 2, 5],
      ['decoding', 5, 5],
      ['writing', 0, 1],
    ]);
    expect(events.every((event) => event.event === 'progress')).toBe(true);
  });
});
