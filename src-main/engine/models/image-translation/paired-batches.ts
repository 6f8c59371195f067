import { RealImageBatches } from '../../data/real-image-batches';
import { bytesToUnit, type PairedImageSource, subsetOf } from '../../translation/paired-images';

/**
 * Batches of training pairs in a seeded order (RealImageBatches' epochs over the training split), the A and B
 * images of each pair read together, so a resumed run reads exactly the pairs an unbroken one would.
 */
export class PairedBatches {
  private readonly order: RealImageBatches;
  private readonly a;
  private readonly b;

  constructor(pairs: PairedImageSource, seed: number) {
    if (pairs.trainIndices.length === 0) {
      throw new Error(
        `the dataset has no pairs to train on: all ${pairs.heldOutIndices.length} are held out for evaluation`,
      );
    }
    this.a = subsetOf(pairs.a, pairs.trainIndices);
    this.b = subsetOf(pairs.b, pairs.trainIndices);
    this.order = new RealImageBatches(this.a, seed);
  }

  /** The A and B images of the batch that follows `completedSteps` steps, as [-1, 1] floats, NHWC. */
  batch(completedSteps: number, batchSize: number): { a: Float32Array; b: Float32Array } {
    const indices = this.order.indicesFor(completedSteps, batchSize);
    return { a: bytesToUnit(this.a.readImages(indices)), b: bytesToUnit(this.b.readImages(indices)) };
  }
}

/**
 * The pairs previews show, the same at every step: the first held-out pairs (what the model never trained
 * on), topped up with training pairs when too few are held out.
 */
export function previewPairIndices(pairs: PairedImageSource, count: number): number[] {
  return [...pairs.heldOutIndices, ...pairs.trainIndices].slice(0, count);
}
