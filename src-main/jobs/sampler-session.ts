import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLatestCheckpoint } from '../engine/checkpoints/checkpoint-store';
import type { ImageSampler } from '../engine/models/model-definition';
import { getModel } from '../engine/models/registry';
import { tileImages } from '../engine/sampling/image-grid';
import { interpolateSeeds, latentsForSeeds } from '../engine/sampling/latents';
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
    readonly step: number,
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

  /** Writes the PNGs a request asks for and returns their paths. */
  async sample(request: SampleRequest): Promise<string[]> {
    const { what, truncation, outFolder, grid, upscale } = request;
    const { latentSize, imageSize: size } = this.sampler;
    const walk = 'frames' in what;
    const latents = walk
      ? interpolateSeeds(what.from, what.to, what.frames, latentSize, truncation)
      : latentsForSeeds(what.seeds, latentSize, truncation);
    const names = walk
      ? Array.from(
          { length: what.frames },
          (_, i) => `walk-${what.from}-${what.to}-frame${String(i).padStart(3, '0')}`,
        )
      : what.seeds.map((seed) => `seed${seed}`);
    if (names.length === 0) throw new Error('no seeds to sample');
    mkdirSync(outFolder, { recursive: true });
    const pixels = await this.sampler.generate(latents, names.length);
    const stem = `${this.run}-step${this.step}`;
    const text = (extra: Record<string, string>) => ({
      Software: 'GAN Studio',
      'gan-studio:run': this.run,
      'gan-studio:step': String(this.step),
      'gan-studio:truncation': String(truncation),
      ...extra,
    });
    const describe: Record<string, string> = walk ? { 'gan-studio:walk': `${what.from}->${what.to}` } : {};
    if (grid) {
      const label = walk ? `walk-${what.from}-${what.to}` : `seeds-${what.seeds[0]}-${what.seeds.at(-1)}`;
      const path = join(outFolder, `${stem}-${label}-grid.png`);
      const seeds: Record<string, string> = walk ? {} : { 'gan-studio:seeds': what.seeds.join(',') };
      const image = tileImages(pixels, names.length, size);
      writeFileAtomic(path, await encodePng(image, { upscale, text: text({ ...describe, ...seeds }) }));
      return [path];
    }
    const files: string[] = [];
    const bytesPerImage = size * size * 3;
    for (const [i, name] of names.entries()) {
      const image = {
        width: size,
        height: size,
        data: pixels.subarray(i * bytesPerImage, (i + 1) * bytesPerImage),
      };
      const seed: Record<string, string> = walk ? {} : { 'gan-studio:seed': String(what.seeds[i]) };
      const path = join(outFolder, `${stem}-${name}.png`);
      writeFileAtomic(path, await encodePng(image, { upscale, text: text({ ...describe, ...seed }) }));
      files.push(path);
    }
    return files;
  }

  close(): void {
    this.sampler.dispose();
  }
}
