import { SeededRandom, Stream } from '../random/seeded-random';

/** Reads images by index; the dataset's pixel cache is one (see library/pixel-cache). */
export interface ImageSource {
  readonly count: number;
  readonly size: number;
  /** NHWC uint8 RGB, images in the order asked. */
  readImages(indices: number[]): Uint8Array;
}

/**
 * Batches of real images in a seeded order: every epoch is a fresh permutation fixed by (seed, epoch), and the
 * batch for a step is fixed by the step, so a resumed run reads exactly the images an uninterrupted one would.
 */
export class RealImageBatches {
  private epochOrder: { epoch: number; order: Int32Array } | undefined;

  constructor(
    private readonly source: ImageSource,
    private readonly seed: number,
  ) {
    if (source.count === 0) throw new Error('the dataset has no images');
  }

  /** Indices of the images of the batch that follows `completedSteps` steps. */
  indicesFor(completedSteps: number, batchSize: number): number[] {
    const indices: number[] = [];
    for (let j = 0; j < batchSize; j++) {
      const position = completedSteps * batchSize + j;
      const epoch = Math.floor(position / this.source.count);
      indices.push(this.orderOf(epoch)[position % this.source.count]!);
    }
    return indices;
  }

  /** The batch as floats in [-1, 1], NHWC. */
  batch(completedSteps: number, batchSize: number): Float32Array {
    const bytes = this.source.readImages(this.indicesFor(completedSteps, batchSize));
    const floats = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) floats[i] = bytes[i]! / 127.5 - 1;
    return floats;
  }

  private orderOf(epoch: number): Int32Array {
    if (this.epochOrder?.epoch !== epoch) {
      this.epochOrder = {
        epoch,
        order: new SeededRandom(Stream.batchOrder, this.seed, epoch).permutation(this.source.count),
      };
    }
    return this.epochOrder.order;
  }
}
