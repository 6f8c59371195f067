import {
  EVERYTHING,
  emptyTrash,
  listTrash,
  restoreFromTrash,
  trashDataset,
  trashRun,
} from '../library/trash';
import { runsOnDataset } from '../library/runs';
import type { ServiceContext, StudioHandlers } from './service-context';

type TrashHandlers = Pick<
  StudioHandlers,
  'datasets.delete' | 'runs.delete' | 'trash.restore' | 'trash.list' | 'trash.empty'
>;

/** Deleting datasets and runs into the library's trash, and undoing it. */
export function trashHandlers({ home, jobs, gallery }: ServiceContext): TrashHandlers {
  /** Refuses while a job of this host works on one of `targets` (a worker would lose its folder mid-job). */
  const refuseIfBusy = (what: string, targets: string[]) => {
    const busy = jobs.list().find((job) => targets.includes(job.target));
    if (busy)
      throw new Error(`${what} is in use (${busy.kind} of ${busy.target}): stop it or let it finish first`);
  };
  return {
    'datasets.delete': async ({ name }) => {
      refuseIfBusy(`dataset ${name}`, [name, ...runsOnDataset(home, name).map((run) => run.name)]);
      return trashDataset(home, name);
    },
    'runs.delete': async ({ name }) => {
      refuseIfBusy(`run ${name}`, [name]);
      gallery.forget(name);
      return trashRun(home, name);
    },
    'trash.restore': async ({ id }) => restoreFromTrash(home, id),
    'trash.list': async () => listTrash(home).reverse(),
    'trash.empty': async () => ({ removed: emptyTrash(home, EVERYTHING).length }),
  };
}
