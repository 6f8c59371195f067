import { getModel } from '../engine/models/registry';
import { createRun } from '../library/runs';
import type { RunMeta } from '../shared/run';
import { checkNewRunData } from './training-data';

export interface NewRunRequest {
  /** The dataset (side A for a run on two unmatched datasets). */
  dataset: string;
  /** Side B, for a run on two unmatched datasets (CycleGAN). */
  datasetB?: string;
  model: string;
  config: unknown;
}

/**
 * Makes a run folder after checking everything that can be checked without training: the model, its config,
 * and that the data suits both. The host does this before starting the worker, so a mistake is an immediate
 * error for whoever asked, and the run exists by the time anyone looks for it.
 */
export function createNewRun(home: string, run: string, request: NewRunRequest): RunMeta {
  const model = getModel(request.model);
  const { manifest, manifestB, fingerprint } = checkNewRunData(home, request, model);
  const config = model.parseConfig({ imageSize: manifest.imageSize, ...(request.config as object) });
  if (config.imageSize > manifest.imageSize || manifest.imageSize % config.imageSize !== 0) {
    throw new Error(
      `dataset ${request.dataset} has ${manifest.imageSize} px images, which can't train at ${config.imageSize} px; ` +
        `import the folder again at ${config.imageSize} px or leave imageSize out`,
    );
  }
  return createRun(home, {
    name: run,
    model: model.id,
    dataset: manifest.name,
    datasetB: manifestB?.name,
    datasetHash: fingerprint,
    totalSteps: config.steps,
    config,
  });
}
