import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../layers/param-store';
import type { SeededRandom } from '../../random/seeded-random';

/**
 * CycleGAN's image history (Shrivastava et al.): the discriminator sees fakes from the last many steps, not
 * only the newest, which keeps it from chasing the generator's latest change. Until the pool is full every new
 * fake is stored and shown; after that, each new fake is shown as is or, with probability 1/2, swapped for a
 * random stored one that it replaces.
 *
 * The pool lives in a non-trainable weight (so a checkpoint holds it) and its fill count is a counter; the
 * choices come from the step's SeededRandom. Together that makes a resumed run see the very same fakes.
 */
export class HistoryPool {
  filled = 0;
  private readonly images: tf.Variable;

  constructor(
    store: ParamStore,
    name: string,
    readonly capacity: number,
    imageSize: number,
  ) {
    this.images = store.add(name, tf.zeros([Math.max(1, capacity), imageSize, imageSize, 3]), false);
  }

  /** The batch D should see in place of `fakes`; stores fakes in the pool as it goes. */
  query(fakes: tf.Tensor4D, random: SeededRandom): tf.Tensor4D {
    if (this.capacity === 0) return fakes.clone();
    const capacity = this.capacity;
    const batch = fakes.shape[0];
    // Rows 0..capacity-1 of `all` are the pool, row capacity + j is new fake j. Deciding in plain numbers
    // first, image by image as the reference does, then gathering once, gives the exact sequential result.
    const slots = Array.from({ length: capacity }, (_, i) => i);
    const shown: number[] = [];
    for (let j = 0; j < batch; j++) {
      const fresh = capacity + j;
      if (this.filled < capacity) {
        slots[this.filled] = fresh;
        this.filled += 1;
        shown.push(fresh);
      } else if (random.next() > 0.5) {
        const slot = random.below(capacity);
        shown.push(slots[slot]!);
        slots[slot] = fresh;
      } else {
        shown.push(fresh);
      }
    }
    return tf.tidy(() => {
      const all = tf.concat([this.images, fakes]);
      this.images.assign(tf.gather(all, slots));
      return tf.gather(all, shown) as tf.Tensor4D;
    });
  }
}
