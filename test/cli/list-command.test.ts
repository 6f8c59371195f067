import { describe, expect, it } from 'vitest';
import { runProgressText } from '../../src-main/cli/commands/list-command';

describe('gan-studio list, a run’s progress', () => {
  it('says where an interrupted or failed run resumes when it got past its last checkpoint', () => {
    const base = { step: 540, totalSteps: 900, checkpointStep: 500 };
    expect(runProgressText({ ...base, status: 'interrupted' })).toBe('step 540/900, resumes from step 500');
    expect(runProgressText({ ...base, status: 'failed' })).toBe('step 540/900, resumes from step 500');
  });

  it('says only the step for running, finished and checkpointed runs', () => {
    expect(runProgressText({ status: 'running', step: 540, totalSteps: 900, checkpointStep: 500 })).toBe(
      'step 540/900',
    );
    expect(runProgressText({ status: 'interrupted', step: 500, totalSteps: 900, checkpointStep: 500 })).toBe(
      'step 500/900',
    );
    expect(runProgressText({ status: 'created', step: 0, totalSteps: 900, checkpointStep: null })).toBe(
      'step 0/900',
    );
  });
});
