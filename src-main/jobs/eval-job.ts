import { downsampledImages } from '../engine/data/downsampled-images';
import { beatsBaselines, evaluateTranslation } from '../engine/translation/evaluate-translation';
import { readDatasetManifest } from '../library/datasets';
import { openPairedPixelCaches } from '../library/paired-pixel-caches';
import type { EvalEvent } from '../shared/job-events';
import { loadRunTranslator } from './run-translator';
import type { EvalJobSpec } from './worker-protocol';

/**
 * Measures a run's newest checkpoint on the held-out pairs of a paired dataset (the run's own unless another
 * is named) next to the identity and colour-transform baselines, and reports it as one 'eval' event.
 */
export async function runEvalJob(spec: EvalJobSpec, emit: (event: EvalEvent) => void): Promise<void> {
  const direction = spec.direction ?? 'a2b';
  const { meta, step, translator } = loadRunTranslator(spec.home, spec.run, direction);
  try {
    if (spec.dataset === undefined && meta.datasetB !== undefined) {
      throw new Error(
        `run ${spec.run} trained on two unmatched datasets, which have no pairs to compare with: name a paired dataset with --dataset`,
      );
    }
    const manifest = readDatasetManifest(spec.home, spec.dataset ?? meta.dataset);
    if (!manifest.paired) {
      throw new Error(
        `dataset ${manifest.name} has no pairs to measure on: eval needs a paired dataset (gan-studio import-pairs)`,
      );
    }
    const opened = openPairedPixelCaches(spec.home, manifest);
    try {
      const size = translator.imageSize;
      const pairs = {
        ...opened,
        size,
        a: downsampledImages(opened.a, size),
        b: downsampledImages(opened.b, size),
      };
      const evaluation = await evaluateTranslation(translator, pairs, direction);
      emit({
        event: 'eval',
        run: spec.run,
        step,
        dataset: manifest.name,
        ...evaluation,
        beatsBaselines: beatsBaselines(evaluation),
      });
    } finally {
      opened.close();
    }
  } finally {
    translator.dispose();
  }
}
