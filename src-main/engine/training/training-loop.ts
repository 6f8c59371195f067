import type { TrainEvent, TrainOutcome } from '../../shared/job-events';
import type { CheckpointMeta } from '../checkpoints/checkpoint-file';
import { loadLatestCheckpoint, readTensorValues, saveCheckpoint } from '../checkpoints/checkpoint-store';
import type { GanTrainer, StepMetrics } from '../models/gan-trainer';
import { appendMetrics, checkpointsFolder, truncateMetrics, writePreview } from './run-outputs';
import type { TrainingControl } from './training-control';

/** The loop's share of a model config (every model config has these). */
export interface LoopSettings {
  model: string;
  seed: number;
  steps: number;
  progressEvery: number;
  previewEvery: number;
  checkpointEvery: number;
  keepCheckpoints: number;
  rollbackLearningRateFactor: number;
  maxRollbacks: number;
}

export interface TrainingLoopOptions {
  trainer: GanTrainer;
  settings: LoopSettings;
  /** The full config, saved into every checkpoint. */
  config: unknown;
  runFolder: string;
  /** The run's name, for events. */
  runName: string;
  datasetHash: string;
  control: TrainingControl;
  emit: (event: TrainEvent) => void;
  /** Where to start: a fresh run, or the state restored from a checkpoint. */
  start?: { step: number; learningRateScale: number; rollbacks: number };
  now?: () => number;
}

interface LoopState {
  step: number;
  learningRateScale: number;
  rollbacks: number;
  lastCheckpointStep: number;
}

/**
 * Trains until `settings.steps` steps are done or a stop is asked for, reporting progress, writing previews
 * and checkpoints, and rolling back to the last checkpoint when a loss stops being a finite number.
 */
export async function runTrainingLoop(
  options: TrainingLoopOptions,
): Promise<{ outcome: TrainOutcome; step: number }> {
  const { trainer, settings, control, emit } = options;
  const now = options.now ?? (() => performance.now());
  const start = options.start ?? { step: 0, learningRateScale: 1, rollbacks: 0 };
  const state: LoopState = { ...start, lastCheckpointStep: -1 };
  const window = new MetricsWindow();
  const { runName } = options;

  // A fresh run saves step 0, so there is always a good state to roll back to.
  if (state.step === 0) await checkpoint(options, state);
  else state.lastCheckpointStep = state.step;
  window.reset(now());

  while (state.step < settings.steps) {
    const between = await control.beforeStep({
      onPause: () => emit({ event: 'status', status: 'paused', step: state.step }),
      onResume: () => emit({ event: 'status', status: 'running', step: state.step }),
    });
    if (between.stop) break;
    if (between.waited) window.reset(now());

    const metrics = await trainer.trainStep(state.step, state.learningRateScale);
    if (!allFinite(metrics)) {
      if (!rollBack(options, state, metrics)) {
        emit({ event: 'done', run: runName, status: 'failed', step: state.step });
        return { outcome: 'failed', step: state.step };
      }
      window.reset(now());
      continue;
    }
    state.step += 1;
    window.add(metrics);

    const finished = state.step === settings.steps;
    if (state.step % settings.progressEvery === 0 || finished) {
      reportProgress(options, state, window, now());
      window.reset(now());
    }
    if (state.step % settings.previewEvery === 0 || finished) {
      emit({
        event: 'preview',
        step: state.step,
        path: await writePreview(options.runFolder, state.step, await trainer.renderPreview()),
      });
    }
    if (state.step % settings.checkpointEvery === 0 || finished) await checkpoint(options, state);
  }

  if (state.lastCheckpointStep !== state.step) await checkpoint(options, state);
  const outcome: TrainOutcome = state.step >= settings.steps ? 'completed' : 'stopped';
  emit({ event: 'done', run: runName, status: outcome, step: state.step });
  return { outcome, step: state.step };
}

async function checkpoint(options: TrainingLoopOptions, state: LoopState): Promise<void> {
  const { trainer, settings } = options;
  const meta: CheckpointMeta = {
    model: settings.model,
    step: state.step,
    seed: settings.seed,
    learningRateScale: state.learningRateScale,
    rollbacks: state.rollbacks,
    datasetHash: options.datasetHash,
    config: options.config,
    counters: trainer.stateCounters(),
    random: { seed: settings.seed, counter: state.step },
  };
  const saved = saveCheckpoint(
    checkpointsFolder(options.runFolder),
    meta,
    await readTensorValues(trainer.stateTensors()),
    settings.keepCheckpoints,
  );
  state.lastCheckpointStep = state.step;
  options.emit({ event: 'checkpoint', step: state.step, path: saved.path });
}

/** Restores the last good checkpoint with lower learning rates; false when out of rollbacks or checkpoints. */
function rollBack(options: TrainingLoopOptions, state: LoopState, metrics: StepMetrics): boolean {
  const { settings, emit } = options;
  const what = Object.entries(metrics)
    .filter(([, value]) => !Number.isFinite(value))
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  if (state.rollbacks >= settings.maxRollbacks) {
    emit({
      event: 'error',
      message:
        `training diverged: losses became non-finite (${what}) at step ${state.step + 1} after ` +
        `${state.rollbacks} rollbacks with lowered learning rates. The last good checkpoint is kept; ` +
        'try lower learning rates or a smaller batch.',
    });
    return false;
  }
  const restored = loadLatestCheckpoint(checkpointsFolder(options.runFolder), { quarantine: true });
  if (!restored) {
    emit({
      event: 'error',
      message: `losses became non-finite (${what}) and no checkpoint could be loaded to roll back to`,
    });
    return false;
  }
  options.trainer.restoreState(restored.tensors, restored.meta.counters);
  state.rollbacks += 1;
  state.learningRateScale *= settings.rollbackLearningRateFactor;
  emit({
    event: 'warning',
    code: 'non-finite-loss',
    message:
      `losses became non-finite (${what}) at step ${state.step + 1}; rolled back to the checkpoint at step ` +
      `${restored.meta.step} and scaled the learning rates to ${state.learningRateScale} of the original ` +
      `(rollback ${state.rollbacks} of ${settings.maxRollbacks})`,
  });
  state.step = restored.meta.step;
  state.lastCheckpointStep = restored.meta.step;
  truncateMetrics(options.runFolder, state.step);
  return true;
}

function reportProgress(
  options: TrainingLoopOptions,
  state: LoopState,
  window: MetricsWindow,
  time: number,
): void {
  const mean = window.mean();
  const seconds = (time - window.startedAt) / 1000;
  const stepsPerSecond = seconds > 0 ? window.count / seconds : 0;
  const imgPerSec = stepsPerSecond * options.trainer.imagesPerStep;
  const etaSeconds = stepsPerSecond > 0 ? (options.settings.steps - state.step) / stepsPerSecond : 0;
  options.emit({
    event: 'progress',
    step: state.step,
    totalSteps: options.settings.steps,
    ...mean,
    imgPerSec,
    etaSeconds,
    learningRateScale: state.learningRateScale,
  });
  appendMetrics(options.runFolder, {
    step: state.step,
    time: new Date().toISOString(),
    ...mean,
    imgPerSec,
    learningRateScale: state.learningRateScale,
  });
}

function allFinite(metrics: StepMetrics): boolean {
  return Object.values(metrics).every(Number.isFinite);
}

/** Running means of the step metrics since the last report. */
class MetricsWindow {
  startedAt = 0;
  count = 0;
  private sums = new Map<string, number>();

  reset(time: number): void {
    this.startedAt = time;
    this.count = 0;
    this.sums.clear();
  }

  add(metrics: StepMetrics): void {
    this.count += 1;
    for (const [name, value] of Object.entries(metrics))
      this.sums.set(name, (this.sums.get(name) ?? 0) + value);
  }

  mean(): StepMetrics {
    const mean: StepMetrics = { dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
    for (const [name, sum] of this.sums) mean[name] = sum / Math.max(1, this.count);
    return mean;
  }
}
