import { loadLatestCheckpoint } from '../engine/checkpoints/checkpoint-store';
import { getModel } from '../engine/models/registry';
import type { ImageTranslator, TranslationDirection } from '../engine/translation/paired-images';
import { checkpointsFolder } from '../engine/training/run-outputs';
import { readRunMeta, runFolder } from '../library/runs';
import type { RunMeta } from '../shared/run';

export interface RunTranslator {
  meta: RunMeta;
  /** The training step of the checkpoint it was loaded from. */
  step: number;
  translator: ImageTranslator;
}

/**
 * A pix2pix or CycleGAN run's generator from its newest checkpoint, checked for `direction`. Only reads the
 * run folder, so it works while the run trains.
 */
export function loadRunTranslator(home: string, run: string, direction: TranslationDirection): RunTranslator {
  const meta = readRunMeta(home, run);
  const model = getModel(meta.model);
  if (!model.createTranslator) {
    throw new Error(
      `run ${run} is a ${meta.model} run: it makes images from seeds (gan-studio sample), it doesn't translate; use a pix2pix or cyclegan run`,
    );
  }
  const checkpoint = loadLatestCheckpoint(checkpointsFolder(runFolder(home, run)));
  if (!checkpoint) throw new Error(`run ${run} has no checkpoint to translate with yet`);
  const translator = model.createTranslator(model.parseConfig(checkpoint.meta.config), checkpoint.tensors);
  if (!translator.directions.includes(direction)) {
    translator.dispose();
    throw new Error(
      `run ${run} (${meta.model}) translates ${translator.directions.join(' and ')} only: --direction ${direction} needs a cyclegan run`,
    );
  }
  return { meta, step: checkpoint.meta.step, translator };
}
