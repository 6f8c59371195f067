import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLatestCheckpoint } from '../engine/checkpoints/checkpoint-store';
import type { ImageSampler } from '../engine/models/model-definition';
import { getModel } from '../engine/models/registry';
import { tileImages } from '../engine/sampling/image-grid';
import { encodePng } from '../engine/sampling/png';
import { checkpointsFolder } from '../engine/training/run-outputs';
import { writeFileAtomic } from '../library/atomic-write';
import { readRunMeta, runFolder } from '../library/runs';
import type { SampleRequest, SamplerJobSpec } from './worker-protocol';

/**
 * A run's generator loaded once from its newest checkpoint, answering any number of sample requests (the
 * gallery asks for many). It only reads the run folder, so it can sample while the run trains.
 */
export class SamplerSession {
  private constructor(
    private readonly run: string,
    private readonly step: number,
    private readonly sampler: ImageSampler,
  ) {}

  static open(spec: SamplerJobSpec): SamplerSession {
    const meta = readRunMeta(spec.home, spec.run);
    const checkpoint = loadLatestCheckpoint(checkpointsFolder(runFolder(spec.home, spec.run)));
    if (!checkpoint) throw new Error(`run ${spec.run} has no checkpoint to sample from yet`);
    const model = getModel(meta.model);
    const config = model.parseConfig(checkpoint.meta.config);
    return new SamplerSession(
      spec.run,
      checkpoint.meta.step,
      model.createSampler(config, checkpoint.tensors),
    );
  }

  async sample(request: SampleRequest): Promise<string[]> {
    const { seeds, truncation, outFolder, grid, upscale } = request;
    if (seeds.length === 0) throw new Error('no seeds to sample');
    mkdirSync(outFolder, { recursive: true });
    const pixels = await this.sampler.generate(seeds, truncation);
    const size = this.sampler.imageSize;
    const text = (extra: Record<string, string>) => ({
      Software: 'GAN Studio',
      'gan-studio:run': this.run,
      'gan-studio:step': String(this.step),
      'gan-studio:truncation': String(truncation),
      ...extra,
    });
    if (grid) {
      const path = join(outFolder, `${this.run}-step${this.step}-seeds-${seeds[0]}-${seeds.at(-1)}-grid.png`);
      const image = tileImages(pixels, seeds.length, size);
      writeFileAtomic(
        path,
        await encodePng(image, { upscale, text: text({ 'gan-studio:seeds': seeds.join(',') }) }),
      );
      return [path];
    }
    const files: string[] = [];
    const bytesPerImage = size * size * 3;
    for (const [i, seed] of seeds.entries()) {
      const image = {
        width: size,
        height: size,
        data: pixels.subarray(i * bytesPerImage, (i + 1) * bytesPerImage),
      };
      const path = join(outFolder, `${this.run}-step${this.step}-seed${seed}.png`);
      writeFileAtomic(
        path,
        await encodePng(image, { upscale, text: text({ 'gan-studio:seed': String(seed) }) }),
      );
      files.push(path);
    }
    return files;
  }

  close(): void {
    this.sampler.dispose();
  }
}
