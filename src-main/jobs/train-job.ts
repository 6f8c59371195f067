import { checkpointsFolder, truncateMetrics } from '../engine/training/run-outputs';
import { loadLatestCheckpoint } from '../engine/checkpoints/checkpoint-store';
import { getModel } from '../engine/models/registry';
import type { TrainingControl } from '../engine/training/training-control';
import { runTrainingLoop } from '../engine/training/training-loop';
import { acquireRunLock } from '../library/run-lock';
import { readRunConfig, readRunMeta, runFolder, updateRunMeta, writeRunConfig } from '../library/runs';
import type { BackendReport, TrainEvent } from '../shared/job-events';
import { withHeldOutEvaluation } from './held-out-evaluation';
import { openTrainingData } from './training-data';
import type { TrainJobSpec } from './worker-protocol';

/**
 * A training session of one run (made by createNewRun, or resumed): checks everything that can be checked
 * before touching the run, holds the run's lock while it trains, and keeps meta.json in step with what happens.
 */
export async function runTrainJob(
  spec: TrainJobSpec,
  backend: BackendReport,
  control: TrainingControl,
  emit: (event: TrainEvent) => void,
): Promise<void> {
  const { home, run } = spec;
  const meta = readRunMeta(home, run);
  const model = getModel(meta.model);
  let config = model.parseConfig(readRunConfig(home, run));
  if (spec.totalSteps !== undefined && spec.totalSteps !== config.steps) {
    config = model.parseConfig({ ...config, steps: spec.totalSteps });
  }

  const folder = runFolder(home, run);
  const opened = openTrainingData(home, meta, config.imageSize);
  const release = acquireRunLock(folder, run);
  const trainer = withHeldOutEvaluation(model.createTrainer(config, opened.data), opened.data, {
    run,
    dataset: meta.dataset,
    runFolder: folder,
    emit,
  });
  try {
    const restored = loadLatestCheckpoint(checkpointsFolder(folder), {
      quarantine: true,
      onCorrupt: (path, reason) =>
        emit({
          event: 'warning',
          code: 'checkpoint-corrupt',
          message: `skipped damaged checkpoint ${path}: ${reason}`,
        }),
    });
    if (restored && restored.meta.step >= config.steps) {
      throw new Error(
        `run ${run} has already done ${restored.meta.step} steps; give a larger total with --steps to train further`,
      );
    }
    if (restored) {
      trainer.restoreState(restored.tensors, restored.meta.counters);
      truncateMetrics(folder, restored.meta.step);
    }
    writeRunConfig(home, run, config);
    updateRunMeta(home, run, {
      status: 'running',
      totalSteps: config.steps,
      step: restored?.meta.step ?? 0,
      backend: backend.name,
      error: null,
      // Training again, however it was started: no longer a run that quitting interrupted.
      continueOnStart: false,
    });

    let failure: string | null = null;
    await runTrainingLoop({
      trainer,
      settings: config,
      config,
      runFolder: folder,
      runName: run,
      datasetHash: opened.fingerprint,
      control,
      start: restored && {
        step: restored.meta.step,
        learningRateScale: restored.meta.learningRateScale,
        rollbacks: restored.meta.rollbacks,
      },
      emit: (event) => {
        if (event.event === 'progress') updateRunMeta(home, run, { step: event.step });
        if (event.event === 'status') updateRunMeta(home, run, { status: event.status });
        if (event.event === 'checkpoint')
          updateRunMeta(home, run, { checkpointStep: event.step, step: event.step });
        if (event.event === 'error') failure = event.message;
        // The run's folder says how it ended before anyone hears that it did.
        if (event.event === 'done')
          updateRunMeta(home, run, { status: event.status, step: event.step, error: failure });
        emit(event);
      },
    });
  } catch (error) {
    updateRunMeta(home, run, { status: 'failed', error: (error as Error).message });
    throw error;
  } finally {
    trainer.dispose();
    opened.close();
    release();
  }
}
