import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { MODEL_FILES } from '../../src-main/engine/export/layers-model-files';

/**
 * Loads an exported model from its files the way `tf.loadLayersModel('…/model.json')` does from a web server
 * (pure TensorFlow.js under Node has no file:// loader): model.json's topology and manifest, then the weights.
 */
export async function readLayersModel(folder: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(folder, MODEL_FILES.topology), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const bytes = Buffer.concat(
    json.weightsManifest.flatMap((group) => group.paths.map((path) => readFileSync(join(folder, path)))),
  );
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    }),
  );
}
