import { describe, expect, it } from 'vitest';
import { mostRecentlyUpdated } from '../../src-main/shared/run';

describe('mostRecentlyUpdated', () => {
  it('picks the run with the latest update time, wherever it is in the list', () => {
    const runs = [
      { name: 'old', updatedAt: '2026-12-01T10:00:00.000Z' },
      { name: 'newest', updatedAt: '2026-12-04T09:30:00.000Z' },
      { name: 'middle', updatedAt: '2026-12-03T23:59:59.999Z' },
    ];
    expect(mostRecentlyUpdated(runs)?.name).toBe('newest');
    expect(mostRecentlyUpdated([...runs].reverse())?.name).toBe('newest');
  });

  it('gives null for no runs', () => {
    expect(mostRecentlyUpdated([])).toBeNull();
  });
});
