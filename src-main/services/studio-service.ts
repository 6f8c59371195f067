import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DCGAN_ADVANCED_DEFAULTS,
  DCGAN_PRESETS,
  dcganConfigFromPreset,
} from '../engine/models/dcgan/dcgan-presets';
import { createNewRun } from '../jobs/create-run';
import type { WorkerFactory } from '../jobs/job-host';
import { listDatasets, readDatasetManifest, summarizeDataset } from '../library/datasets';
import { nameFromTitle } from '../library/names';
import { runFolder } from '../library/runs';
import type {
  DatasetDetails,
  ImportSource,
  StudioChannel,
  StudioRequest,
  StudioResponse,
  SystemInfo,
} from '../shared/studio-api';
import { createBackendProbe } from './backend-probe';
import { readFavourites, setFavourite } from './favourites';
import { Gallery } from './gallery';
import { exportFromGallery } from './gallery-export';
import { JobManager } from './job-manager';
import { datasetImageMedia } from './media';
import { listRunCards, readRunDetails } from './run-details';
import { removeUpload, uploadSources } from './uploads';

/** A function answering each Studio API channel. Transports (IPC, HTTP) validate, then call these. */
export type StudioHandlers = {
  [C in StudioChannel]: (request: StudioRequest<C>) => Promise<StudioResponse<C>>;
};

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
  /** Stops training (each run writes a checkpoint) and samplers; call before the host exits. */
  shutdown(): Promise<void>;
}

/** The services behind the Studio API, over one library folder. */
export function createStudioServices(options: StudioServiceOptions): StudioServices {
  const { home } = options;
  const jobs = new JobManager(options.createWorker);
  const gallery = new Gallery(home, options.createWorker);
  const probeBackend = createBackendProbe(home, options.createWorker);

  const handlers: StudioHandlers = {
    'system.info': async () => ({
      appVersion: options.appVersion,
      libraryHome: home,
      host: options.host,
      versions: options.versions,
      backend: await probeBackend(),
      training: { presets: DCGAN_PRESETS, defaults: DCGAN_ADVANCED_DEFAULTS },
    }),
    'datasets.list': async () =>
      listDatasets(home).map((summary) => ({
        ...summary,
        thumbnails: Array.from({ length: Math.min(4, summary.count) }, (_, i) =>
          datasetImageMedia(summary.name, i),
        ),
      })),
    'datasets.get': async ({ name }) => datasetDetails(home, name),
    'datasets.import': async ({ title, size, fit, source }) => {
      const name = uniqueName(nameFromTitle(title), (n) => existsSync(join(home, 'datasets', n)));
      const spec = { kind: 'import' as const, home, name, size, fit, sources: importSources(home, source) };
      const jobId = jobs.startImport(
        spec,
        () => source.kind === 'upload' && removeUpload(home, source.uploadId),
      );
      return { jobId, name };
    },
    'runs.list': async () => listRunCards(home),
    'runs.get': async ({ name }) => readRunDetails(home, name, jobs),
    'runs.start': async ({ dataset, title, preset, advanced }) => {
      const name = uniqueName(nameFromTitle(title), (n) => existsSync(runFolder(home, n)));
      const config = dcganConfigFromPreset(preset, advanced);
      createNewRun(home, name, { dataset, model: 'dcgan', config });
      const jobId = jobs.startTraining({ kind: 'train', home, run: name });
      return { jobId, name };
    },
    'runs.resume': async ({ name, totalSteps }) => ({
      jobId: jobs.startTraining({ kind: 'train', home, run: name, totalSteps }),
    }),
    'runs.pause': async ({ name }) => (jobs.pause(name), null),
    'runs.unpause': async ({ name }) => (jobs.resume(name), null),
    'runs.stop': async ({ name }) => (jobs.stop(name), null),
    'jobs.list': async () => jobs.list(),
    'gallery.sample': async ({ run, seeds, truncation }) => gallery.sample(run, seeds, truncation),
    'gallery.interpolate': async ({ run, from, to, frames, truncation }) => ({
      frames: await gallery.walk(run, from, to, frames, truncation),
    }),
    'gallery.favourites': async ({ run }) => readFavourites(home, run),
    'gallery.setFavourite': async ({ run, seed, favourite }) => setFavourite(home, run, seed, favourite),
    'gallery.export': async (request) => exportFromGallery(home, gallery, request),
  };

  return {
    handlers,
    jobs,
    gallery,
    async shutdown() {
      gallery.close();
      await jobs.stopAll();
    },
  };
}

function datasetDetails(home: string, name: string): DatasetDetails {
  const manifest = readDatasetManifest(home, name);
  return {
    summary: summarizeDataset(manifest),
    fit: manifest.fit,
    sourceFolder: manifest.sourceFolder,
    items: manifest.items.map((item, index) => ({
      source: item.source,
      label: item.label,
      media: datasetImageMedia(manifest.name, index),
    })),
    skippedFiles: manifest.skipped,
  };
}

function importSources(home: string, source: ImportSource): string[] {
  return source.kind === 'paths' ? source.paths : uploadSources(home, source.uploadId);
}

/** `base`, or `base-2`, `base-3`, ... whichever is free. */
function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 60)}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
