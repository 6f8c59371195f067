import type { StudioChannel, StudioRequest, StudioResponse } from '../shared/studio-api';
import type { Gallery } from './gallery';
import type { JobManager } from './job-manager';

/** A function answering each Studio API channel. Transports (IPC, HTTP) validate, then call these. */
export type StudioHandlers = {
  [C in StudioChannel]: (request: StudioRequest<C>) => Promise<StudioResponse<C>>;
};

/** What every group of handlers works with: the library folder and the host's jobs and samplers. */
export interface ServiceContext {
  home: string;
  jobs: JobManager;
  gallery: Gallery;
}

/** `base`, or `base-2`, `base-3`, ... whichever is free. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 60)}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
