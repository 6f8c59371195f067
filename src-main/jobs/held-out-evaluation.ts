import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GanTrainer } from '../engine/models/gan-trainer';
import type { TrainingData } from '../engine/models/model-definition';
import {
  beatsBaselines,
  type BaselineScores,
  evaluateTranslation,
  measureBaselines,
} from '../engine/translation/evaluate-translation';
import { translatorOf } from '../engine/translation/paired-images';
import { writeFileAtomic } from '../library/atomic-write';
import type { EvalEvent } from '../shared/job-events';

/** Held-out pairs measured at each preview. */
const MEASURED_WHILE_TRAINING = 32;

/** runs/<name>/eval.jsonl: one EvalEvent per preview of a translation run, for charts of a finished run. */
export const evalHistoryPath = (runFolder: string) => join(runFolder, 'eval.jsonl');

export function readEvalHistory(runFolder: string): EvalEvent[] {
  if (!existsSync(evalHistoryPath(runFolder))) return [];
  return readFileSync(evalHistoryPath(runFolder), 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line.trim() ? [JSON.parse(line) as EvalEvent] : [];
      } catch {
        return []; // a line cut short by a crash
      }
    });
}

function truncateEvalHistory(runFolder: string, step: number): void {
  if (!existsSync(evalHistoryPath(runFolder))) return;
  const kept = readEvalHistory(runFolder).filter((record) => record.step <= step);
  writeFileAtomic(evalHistoryPath(runFolder), kept.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/**
 * A translation trainer that, each time the loop renders a preview, also measures the model on the held-out
 * pairs (baselines once per session) and reports it as an 'eval' event and a line of eval.jsonl, so a
 * dashboard can show the scores improving. When the loop goes back (resume or rollback), so does the history.
 * Other trainers, and data without held-out pairs, are returned unchanged.
 */
export function withHeldOutEvaluation(
  trainer: GanTrainer,
  data: TrainingData,
  context: { run: string; dataset: string; runFolder: string; emit: (event: EvalEvent) => void },
): GanTrainer {
  const translator = translatorOf(trainer);
  if (!translator || data.kind !== 'paired' || data.pairs.heldOutIndices.length === 0) return trainer;
  // A sample of the held-out pairs keeps each measurement quick on a big dataset; gan-studio eval uses them all.
  const pairs = {
    ...data.pairs,
    heldOutIndices: data.pairs.heldOutIndices.slice(0, MEASURED_WHILE_TRAINING),
  };
  let baselines: BaselineScores | undefined;
  let stepsDone: number | undefined;
  return {
    imagesPerStep: trainer.imagesPerStep,
    trainStep: async (completedSteps, learningRateScale) => {
      if (stepsDone === undefined || completedSteps < stepsDone)
        truncateEvalHistory(context.runFolder, completedSteps);
      const metrics = await trainer.trainStep(completedSteps, learningRateScale);
      stepsDone = completedSteps + 1;
      return metrics;
    },
    renderPreview: async () => {
      const preview = await trainer.renderPreview();
      baselines ??= measureBaselines(pairs, 'a2b');
      const evaluation = await evaluateTranslation(translator, pairs, 'a2b', baselines);
      const event: EvalEvent = {
        event: 'eval',
        run: context.run,
        step: stepsDone ?? 0,
        dataset: context.dataset,
        ...evaluation,
        beatsBaselines: beatsBaselines(evaluation),
      };
      appendFileSync(evalHistoryPath(context.runFolder), `${JSON.stringify(event)}\n`);
      context.emit(event);
      return preview;
    },
    stateTensors: () => trainer.stateTensors(),
    stateCounters: () => trainer.stateCounters(),
    restoreState: (tensors, counters) => trainer.restoreState(tensors, counters),
    dispose: () => trainer.dispose(),
  };
}
