import { createHash } from 'node:crypto';
import type { ImageSource } from '../engine/data/real-image-batches';
import { downsampledImages } from '../engine/data/downsampled-images';
import type {
  BaseModelConfig,
  ModelDefinition,
  TrainingData,
  TrainingDataKind,
} from '../engine/models/model-definition';
import { readDatasetManifest } from '../library/datasets';
import { datasetFingerprint } from '../library/paired-manifest';
import { openPairedPixelCaches } from '../library/paired-pixel-caches';
import { openPixelCache } from '../library/pixel-cache';
import type { DatasetManifest } from '../shared/dataset';
import type { RunMeta } from '../shared/run';

/** The datasets of a run about to be made, checked against what its model trains on. */
export interface NewRunData {
  manifest: DatasetManifest;
  manifestB?: DatasetManifest;
  fingerprint: string;
}

const KIND_NAMES: Record<TrainingDataKind, string> = {
  images: 'one folder of images (gan-studio import)',
  paired: 'a paired dataset (gan-studio import-pairs)',
  unpaired: 'two datasets (--dataset-a and --dataset-b)',
};

/** Reads the datasets a new run names and refuses, in words a user can act on, what its model can't use. */
export function checkNewRunData(
  home: string,
  create: { dataset: string; datasetB?: string },
  model: ModelDefinition<BaseModelConfig>,
): NewRunData {
  const manifest = readDatasetManifest(home, create.dataset);
  const manifestB = create.datasetB === undefined ? undefined : readDatasetManifest(home, create.datasetB);
  const kind: TrainingDataKind = manifestB ? 'unpaired' : (manifest.kind ?? 'images');
  const accepted = model.trainsOn ?? ['images'];
  if (!accepted.includes(kind)) {
    const given = manifestB
      ? `datasets ${manifest.name} and ${manifestB.name}`
      : `dataset ${manifest.name}, ${KIND_NAMES[kind]}`;
    throw new Error(`${model.id} trains on ${accepted.map((k) => KIND_NAMES[k]).join(' or ')}; got ${given}`);
  }
  if (manifestB) {
    for (const side of [manifest, manifestB]) {
      if (side.kind === 'paired') {
        throw new Error(
          `dataset ${side.name} is paired: give it alone with --dataset, or two plain datasets`,
        );
      }
    }
    if (manifest.imageSize !== manifestB.imageSize) {
      throw new Error(
        `datasets ${manifest.name} (${manifest.imageSize} px) and ${manifestB.name} (${manifestB.imageSize} px) differ in size; import both at one size`,
      );
    }
  }
  return { manifest, manifestB, fingerprint: fingerprintOf(manifest, manifestB) };
}

/** One dataset's fingerprint, or both datasets' of a run on two. */
function fingerprintOf(manifest: DatasetManifest, manifestB?: DatasetManifest): string {
  if (!manifestB) return datasetFingerprint(manifest);
  return createHash('sha256')
    .update(JSON.stringify([datasetFingerprint(manifest), datasetFingerprint(manifestB)]))
    .digest('hex');
}

export interface OpenedTrainingData {
  data: TrainingData;
  /** What the run recorded as its datasetHash, recomputed from the datasets as they are now. */
  fingerprint: string;
  close(): void;
}

/**
 * Opens what a run trains on, at the model's image size, refusing datasets that changed since the run began:
 * one folder of images, a paired dataset, or two datasets side by side.
 */
export function openTrainingData(home: string, meta: RunMeta, imageSize: number): OpenedTrainingData {
  const manifest = readDatasetManifest(home, meta.dataset);
  const manifestB = meta.datasetB === undefined ? undefined : readDatasetManifest(home, meta.datasetB);
  const fingerprint = fingerprintOf(manifest, manifestB);
  if (fingerprint !== meta.datasetHash) {
    const which = manifestB
      ? `datasets ${manifest.name} and ${manifestB.name} have`
      : `dataset ${meta.dataset} has`;
    throw new Error(`${which} changed since run ${meta.name} started; start a new run on it instead`);
  }
  const atSize = (source: ImageSource) => downsampledImages(source, imageSize);
  if (manifestB) {
    const a = openPixelCache(home, manifest);
    let b;
    try {
      b = openPixelCache(home, manifestB);
    } catch (error) {
      a.close();
      throw error;
    }
    return {
      data: { kind: 'unpaired', a: atSize(a), b: atSize(b) },
      fingerprint,
      close: () => {
        a.close();
        b.close();
      },
    };
  }
  if (manifest.paired) {
    const pairs = openPairedPixelCaches(home, manifest);
    return {
      data: {
        kind: 'paired',
        pairs: { ...pairs, size: imageSize, a: atSize(pairs.a), b: atSize(pairs.b) },
      },
      fingerprint,
      close: () => pairs.close(),
    };
  }
  const images = openPixelCache(home, manifest);
  return { data: { kind: 'images', images: atSize(images) }, fingerprint, close: () => images.close() };
}
