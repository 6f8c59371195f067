import { describe, expect, it } from 'vitest';
import { acquireRunLock } from '../../src-main/library/run-lock';
import {
  createRun,
  markToContinue,
  readRunMeta,
  runFolder,
  takeRunsToContinue,
  updateRunMeta,
} from '../../src-main/library/runs';
import { tempFolder } from '../fixtures/temp-folders';

describe('runs that quitting stopped', () => {
  it('are taken once, except one another process is training, which keeps its mark for its own writer', () => {
    const home = tempFolder('continue');
    for (const name of ['quit', 'busy', 'done'])
      createRun(home, { name, model: 'dcgan', dataset: 'd', datasetHash: 'h', totalSteps: 10, config: {} });
    for (const name of ['quit', 'busy', 'done']) {
      updateRunMeta(home, name, { status: 'stopped' });
      markToContinue(home, name);
    }
    updateRunMeta(home, 'done', { status: 'completed' });
    const release = acquireRunLock(runFolder(home, 'busy'), 'busy');
    try {
      expect(takeRunsToContinue(home)).toEqual(['quit']);
      expect(readRunMeta(home, 'busy').continueOnStart).toBe(true);
      expect(readRunMeta(home, 'done').continueOnStart).toBe(false);
      expect(takeRunsToContinue(home)).toEqual([]);
    } finally {
      release();
    }
  });

  it('marks only runs that are stopped', () => {
    const home = tempFolder('continue');
    createRun(home, {
      name: 'new',
      model: 'dcgan',
      dataset: 'd',
      datasetHash: 'h',
      totalSteps: 10,
      config: {},
    });
    markToContinue(home, 'new');
    expect(readRunMeta(home, 'new').continueOnStart).toBeUndefined();
  });
});
