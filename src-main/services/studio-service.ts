import { listDatasets } from '../library/datasets';
import { listRuns } from '../library/runs';
import type { WorkerFactory } from '../jobs/job-host';
import type { StudioChannel, StudioRequest, StudioResponse, SystemInfo } from '../shared/studio-api';
import { createBackendProbe } from './backend-probe';

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

/** The services behind the Studio API, over one library folder. */
export function createStudioHandlers(options: StudioServiceOptions): StudioHandlers {
  const probeBackend = createBackendProbe(options.home, options.createWorker);
  return {
    'system.info': async () => ({
      appVersion: options.appVersion,
      libraryHome: options.home,
      host: options.host,
      versions: options.versions,
      backend: await probeBackend(),
    }),
    'datasets.list': async () => listDatasets(options.home),
    'runs.list': async () => listRuns(options.home),
  };
}
