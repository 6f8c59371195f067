import type { WorkerFactory } from '../jobs/job-host';
import type { SystemInfo } from '../shared/studio-api';
import { MODEL_CHOICES } from '../engine/models/training-presets';
import { markToContinue, takeRunsToContinue } from '../library/runs';
import { emptyTrash } from '../library/trash';
import { createBackendProbe } from './backend-probe';
import { datasetHandlers } from './dataset-handlers';
import { Gallery } from './gallery';
import { galleryHandlers } from './gallery-handlers';
import { JobManager } from './job-manager';
import { runHandlers } from './run-handlers';
import type { ServiceContext, StudioHandlers } from './service-context';
import { translationHandlers } from './translation-handlers';
import { trashHandlers } from './trash-handlers';

export type { StudioHandlers } from './service-context';

export interface StudioServiceOptions {
  home: string;
  host: SystemInfo['host'];
  appVersion: string;
  versions: Record<string, string>;
  createWorker: WorkerFactory;
}

export interface StudioServices {
  handlers: StudioHandlers;
  jobs: JobManager;
  gallery: Gallery;
  /**
   * Stops training (each run writes a checkpoint) and samplers; call before the host exits. Runs that were
   * training (not paused) are marked to continue when the host next starts.
   */
  shutdown(): Promise<void>;
  /**
   * Carries on the runs the last shutdown stopped; returns the names of those it started (one that can't start
   * stays stopped, for the user to continue). Hosts call it once they are up.
   */
  continueRunsStoppedAtShutdown(): Promise<string[]>;
}

/** The services behind the Studio API, over one library folder, for whichever transport carries it. */
export function createStudioServices(options: StudioServiceOptions): StudioServices {
  const context: ServiceContext = {
    home: options.home,
    jobs: new JobManager(options.createWorker),
    gallery: new Gallery(options.home, options.createWorker),
  };
  const probeBackend = createBackendProbe(options.home, options.createWorker);
  const handlers: StudioHandlers = {
    'system.info': async () => ({
      appVersion: options.appVersion,
      libraryHome: options.home,
      host: options.host,
      versions: options.versions,
      backend: await probeBackend(),
      training: { models: MODEL_CHOICES },
    }),
    ...datasetHandlers(context),
    ...runHandlers(context),
    ...galleryHandlers(context),
    ...translationHandlers(context),
    ...trashHandlers(context),
  };
  // What was deleted more than a week ago goes for good.
  emptyTrash(options.home);
  return {
    handlers,
    jobs: context.jobs,
    gallery: context.gallery,
    async shutdown() {
      context.gallery.close();
      const training = context.jobs
        .list()
        .filter((job) => job.kind === 'train' && job.status === 'running')
        .map((job) => job.target);
      await context.jobs.stopAll();
      for (const run of training) markToContinue(options.home, run);
    },
    async continueRunsStoppedAtShutdown() {
      const started: string[] = [];
      for (const name of takeRunsToContinue(options.home)) {
        await handlers['runs.resume']({ name }).then(
          () => started.push(name),
          () => undefined,
        );
      }
      return started;
    },
  };
}
