import type { ImageSource } from '../../data/real-image-batches';
import { RealImageBatches } from '../../data/real-image-batches';
import { mixSeed, Stream } from '../../random/seeded-random';
import { bytesToUnit, subsetOf } from '../../translation/paired-images';
import type { TrainingData } from '../model-definition';
import { previewPairIndices } from '../image-translation/paired-batches';

/** The fixed images previews translate: each side's inputs and, when the data has pairs, their targets. */
export interface CycleganPreviewImages {
  count: number;
  a: Float32Array;
  b: Float32Array;
  /** For held-out pairs: b is a's target and a is b's. Absent for unmatched sets. */
  paired: boolean;
}

/** The two sides CycleGAN trains on, each in its own seeded order, and the images previews show. */
export interface CycleganSides {
  a: RealImageBatches;
  b: RealImageBatches;
  sourceA: ImageSource;
  sourceB: ImageSource;
  preview: CycleganPreviewImages;
}

/**
 * CycleGAN never uses the matching of pairs, so a paired dataset's training split serves as two unmatched
 * sets (shuffled independently); its held-out pairs make previews with targets, and `gan-studio eval` works.
 */
export function cycleganSides(data: TrainingData, seed: number, previewCount: number): CycleganSides {
  let sourceA: ImageSource;
  let sourceB: ImageSource;
  let preview: CycleganPreviewImages;
  if (data.kind === 'paired') {
    const { pairs } = data;
    if (pairs.trainIndices.length === 0) throw new Error('the paired dataset has no pairs left to train on');
    sourceA = subsetOf(pairs.a, pairs.trainIndices);
    sourceB = subsetOf(pairs.b, pairs.trainIndices);
    const indices = previewPairIndices(pairs, previewCount);
    preview = {
      count: indices.length,
      a: bytesToUnit(pairs.a.readImages(indices)),
      b: bytesToUnit(pairs.b.readImages(indices)),
      paired: true,
    };
  } else if (data.kind === 'unpaired') {
    sourceA = data.a;
    sourceB = data.b;
    const count = Math.min(previewCount, sourceA.count, sourceB.count);
    const first = Array.from({ length: count }, (_, i) => i);
    preview = {
      count,
      a: bytesToUnit(sourceA.readImages(first)),
      b: bytesToUnit(sourceB.readImages(first)),
      paired: false,
    };
  } else {
    throw new Error(
      'cyclegan learns from two sets of images: give --dataset-a and --dataset-b, or a paired dataset',
    );
  }
  if (sourceA.size !== sourceB.size) {
    throw new Error(`the two sides have different image sizes (${sourceA.size} and ${sourceB.size} px)`);
  }
  return {
    a: new RealImageBatches(sourceA, seed),
    b: new RealImageBatches(sourceB, mixSeed(Stream.batchOrderB, seed)),
    sourceA,
    sourceB,
    preview,
  };
}
