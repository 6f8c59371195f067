import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../../library/atomic-write';

/** The files `tf.loadLayersModel('…/model.json')` reads. */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin' } as const;

/**
 * Writes a LayersModel as TensorFlow.js's own format (model.json + one weights file) into `folder`, each file
 * atomically, with `metadata` in model.json's userDefinedMetadata. Returns the paths written.
 */
export async function writeLayersModel(
  model: tf.LayersModel,
  folder: string,
  metadata: Record<string, unknown>,
): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  model.setUserDefinedMetadata(metadata);
  const written: string[] = [];
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData ?? new ArrayBuffer(0);
      const weights =
        weightData instanceof ArrayBuffer ? weightData : tf.io.concatenateArrayBuffers(weightData);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs }],
      };
      for (const [file, data] of [
        [MODEL_FILES.weights, new Uint8Array(weights)],
        [MODEL_FILES.topology, JSON.stringify(modelJson)],
      ] as const) {
        writeFileAtomic(join(folder, file), data);
        written.push(join(folder, file));
      }
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return written;
}
