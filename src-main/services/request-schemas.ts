import { z } from 'zod';
import type { StudioChannel } from '../shared/studio-api';

/**
 * The shape every request must have, by channel, checked at each transport's edge (IPC and HTTP) before a
 * service sees it. A channel missing here can't be called.
 */
export const requestSchemas: { [C in StudioChannel]: z.ZodType } = {
  'system.info': z.null(),
  'datasets.list': z.null(),
  'runs.list': z.null(),
};

export function isStudioChannel(name: unknown): name is StudioChannel {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}
