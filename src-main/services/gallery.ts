import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listCheckpointSteps } from '../engine/checkpoints/checkpoint-store';
import { checkpointsFolder } from '../engine/training/run-outputs';
import { type JobHandle, startJob, type WorkerFactory } from '../jobs/job-host';
import type { SampleRequest } from '../jobs/worker-protocol';
import { runFolder } from '../library/runs';
import type { GalleryImage, MediaPath } from '../shared/studio-api';
import { mediaPathOf } from './media';

interface WarmSampler {
  step: number;
  handle: JobHandle;
  idleTimer: NodeJS.Timeout;
  /** Why the worker failed, if it did (its requests only learn that it ended). */
  failure?: string;
}

/** A sampler nobody asked anything for this long is stopped, freeing its worker's memory. */
const IDLE_MS = 120_000;

/**
 * The gallery's images: one warm sampler worker per run (loading a checkpoint once, then answering quickly),
 * replaced when the run saves a newer checkpoint. Images land in <home>/cache/gallery/<run>/step<S>-t<T>/, so
 * each (run, step, seed, truncation) is generated once.
 */
export class Gallery {
  private readonly samplers = new Map<string, WarmSampler>();

  constructor(
    private readonly home: string,
    private readonly createWorker: WorkerFactory,
  ) {}

  async sample(run: string, seeds: number[], truncation: number): Promise<GalleryImage[]> {
    const { step, folder } = this.cacheFolder(run, truncation);
    const fileOf = (seed: number) => join(folder, `${run}-step${step}-seed${seed}.png`);
    const missing = seeds.filter((seed) => !existsSync(fileOf(seed)));
    if (missing.length > 0)
      await this.request(run, step, {
        what: { seeds: missing },
        truncation,
        outFolder: folder,
        grid: false,
        upscale: 1,
      });
    return seeds.map((seed) => ({ seed, media: mediaPathOf(this.home, fileOf(seed)) }));
  }

  /** Frames of a walk from seed `from`'s image to seed `to`'s. */
  async walk(
    run: string,
    from: number,
    to: number,
    frames: number,
    truncation: number,
  ): Promise<MediaPath[]> {
    const { step, folder } = this.cacheFolder(run, truncation);
    const files = await this.request(run, step, {
      what: { from, to, frames },
      truncation,
      outFolder: folder,
      grid: false,
      upscale: 1,
    });
    return files.map((file) => mediaPathOf(this.home, file));
  }

  /** Runs a request on the run's sampler (for exports, which write elsewhere). */
  async request(run: string, step: number, request: SampleRequest): Promise<string[]> {
    const sampler = this.samplerFor(run, step);
    try {
      return await sampler.handle.sample(request);
    } catch (error) {
      throw new Error(sampler.failure ?? (error as Error).message, { cause: error });
    }
  }

  newestStep(run: string): number {
    const step = listCheckpointSteps(checkpointsFolder(runFolder(this.home, run)))[0];
    if (step === undefined)
      throw new Error(`run ${run} has no checkpoint yet: train it for a few steps first`);
    return step;
  }

  /** Before a run is deleted: ends its sampler and removes its cached images. */
  forget(run: string): void {
    this.retire(run);
    rmSync(this.runCache(run), { recursive: true, force: true });
  }

  close(): void {
    for (const run of [...this.samplers.keys()]) this.retire(run);
  }

  private cacheFolder(run: string, truncation: number): { step: number; folder: string } {
    const step = this.newestStep(run);
    return {
      step,
      folder: join(this.runCache(run), `step${step}-t${truncation.toFixed(2)}`),
    };
  }

  private runCache(run: string): string {
    return join(this.home, 'cache', 'gallery', run);
  }

  private samplerFor(run: string, step: number): WarmSampler {
    const warm = this.samplers.get(run);
    if (warm && warm.step === step) {
      warm.idleTimer.refresh();
      return warm;
    }
    if (warm) this.retire(run);
    const idleTimer = setTimeout(() => this.retire(run), IDLE_MS);
    idleTimer.unref();
    const sampler: WarmSampler = { step, idleTimer, handle: undefined as unknown as JobHandle };
    sampler.handle = startJob(
      { kind: 'sampler', home: this.home, run },
      (event) => {
        if (event.event === 'error') sampler.failure = event.message;
      },
      this.createWorker,
    );
    this.samplers.set(run, sampler);
    void sampler.handle.done.then(() => {
      if (this.samplers.get(run) === sampler) this.samplers.delete(run);
    });
    return sampler;
  }

  private retire(run: string): void {
    const warm = this.samplers.get(run);
    if (!warm) return;
    clearTimeout(warm.idleTimer);
    warm.handle.stop();
    this.samplers.delete(run);
  }
}
