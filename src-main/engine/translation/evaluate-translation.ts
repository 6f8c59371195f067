import type { TranslationScores } from '../../shared/job-events';
import type { ImageSource } from '../data/real-image-batches';
import { applyColourTransform, ColourTransformFit } from './colour-transform';
import { meanAbsoluteError, psnr, ssim } from './image-metrics';
import {
  bytesToUnit,
  type ImageTranslator,
  type PairedImageSource,
  type TranslationDirection,
  unitToBytes,
} from './paired-images';

export type { TranslationScores };

/** The baselines on the held-out pairs: constant for a dataset, so a training run measures them once. */
export interface BaselineScores {
  direction: TranslationDirection;
  /** Held-out pairs measured. */
  pairs: number;
  /** Output = input. */
  identity: TranslationScores;
  /** The best single 3x4 affine colour map, fitted on the training pairs. */
  colorTransform: TranslationScores;
}

/** The model's scores on held-out pairs beside the two baselines it has to beat. */
export interface TranslationEvaluation extends BaselineScores {
  model: TranslationScores;
}

/** Pairs read (and translated) at a time, so a big dataset is never loaded whole. */
const CHUNK = 32;

/**
 * Scores a translator on the held-out pairs of a paired dataset in `direction` (inputs from side A for a2b,
 * targets from B; the reverse for b2a), beside the baselines on the same pairs. Outputs are rounded to bytes
 * first, as saved files would be.
 */
export async function evaluateTranslation(
  translator: ImageTranslator,
  pairs: PairedImageSource,
  direction: TranslationDirection,
  baselines: BaselineScores = measureBaselines(pairs, direction),
): Promise<TranslationEvaluation> {
  if (pairs.size !== translator.imageSize) {
    throw new Error(`the model works at ${translator.imageSize} px but the pairs are ${pairs.size} px`);
  }
  const model = new ScoreSums(pairs.size);
  for (const { inputs, targets, count } of heldOutChunks(pairs, direction)) {
    model.add(unitToBytes(await translator.translate(bytesToUnit(inputs), count, direction)), targets, count);
  }
  return { ...baselines, model: model.mean() };
}

export function measureBaselines(pairs: PairedImageSource, direction: TranslationDirection): BaselineScores {
  const chunks = heldOutChunks(pairs, direction);
  const [inputSide, targetSide] = sides(pairs, direction);
  const fit = new ColourTransformFit();
  for (let start = 0; start < pairs.trainIndices.length; start += CHUNK) {
    const chunk = pairs.trainIndices.slice(start, start + CHUNK);
    fit.add(inputSide.readImages(chunk), targetSide.readImages(chunk));
  }
  const matrix = fit.solve();
  const identity = new ScoreSums(pairs.size);
  const colorTransform = new ScoreSums(pairs.size);
  for (const { inputs, targets, count } of chunks) {
    identity.add(inputs, targets, count);
    colorTransform.add(applyColourTransform(matrix, inputs), targets, count);
  }
  return {
    direction,
    pairs: pairs.heldOutIndices.length,
    identity: identity.mean(),
    colorTransform: colorTransform.mean(),
  };
}

/** Mean per-image scores of `count` square images of `size` px against their targets. */
export function scoreImages(
  outputs: Uint8Array,
  targets: Uint8Array,
  count: number,
  size: number,
): TranslationScores {
  const sums = new ScoreSums(size);
  sums.add(outputs, targets, count);
  return sums.mean();
}

/** Does the model beat both baselines on every score? */
export function beatsBaselines(evaluation: TranslationEvaluation): boolean {
  const { model, identity, colorTransform } = evaluation;
  return [identity, colorTransform].every(
    (baseline) => model.psnr > baseline.psnr && model.ssim > baseline.ssim && model.l1 < baseline.l1,
  );
}

/** [inputs, targets]. */
function sides(pairs: PairedImageSource, direction: TranslationDirection): [ImageSource, ImageSource] {
  return direction === 'a2b' ? [pairs.a, pairs.b] : [pairs.b, pairs.a];
}

/** The held-out pairs as (inputs, targets) chunks, read as they are asked for; refuses a dataset with none. */
function heldOutChunks(pairs: PairedImageSource, direction: TranslationDirection) {
  if (pairs.heldOutIndices.length === 0) {
    throw new Error(
      'the dataset holds no pairs out of training to evaluate on; import it again with --held-out above 0',
    );
  }
  const [inputSide, targetSide] = sides(pairs, direction);
  return (function* () {
    for (let start = 0; start < pairs.heldOutIndices.length; start += CHUNK) {
      const chunk = pairs.heldOutIndices.slice(start, start + CHUNK);
      yield {
        inputs: inputSide.readImages(chunk),
        targets: targetSide.readImages(chunk),
        count: chunk.length,
      };
    }
  })();
}

/** Running sums of per-image scores. */
class ScoreSums {
  private readonly sums = { psnr: 0, ssim: 0, l1: 0 };
  private count = 0;

  constructor(private readonly size: number) {}

  add(outputs: Uint8Array, targets: Uint8Array, count: number): void {
    const perImage = this.size * this.size * 3;
    for (let i = 0; i < count; i++) {
      const pair = {
        width: this.size,
        height: this.size,
        output: outputs.subarray(i * perImage, (i + 1) * perImage),
        target: targets.subarray(i * perImage, (i + 1) * perImage),
      };
      this.sums.psnr += psnr(pair);
      this.sums.ssim += ssim(pair);
      this.sums.l1 += meanAbsoluteError(pair);
    }
    this.count += count;
  }

  mean(): TranslationScores {
    const n = Math.max(1, this.count);
    return { psnr: this.sums.psnr / n, ssim: this.sums.ssim / n, l1: this.sums.l1 / n };
  }
}
