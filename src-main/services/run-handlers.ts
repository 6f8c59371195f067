import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configFromPreset } from '../engine/models/training-presets';
import { createNewRun } from '../jobs/create-run';
import { nameFromTitle } from '../library/names';
import { runFolder } from '../library/runs';
import type { SampleDoneEvent } from '../shared/job-events';
import { exportResult, webExportFolder } from './gallery-export';
import { listRunCards, readRunDetails } from './run-details';
import { type ServiceContext, type StudioHandlers, uniqueName } from './service-context';

type RunHandlers = Pick<
  StudioHandlers,
  | 'runs.list'
  | 'runs.get'
  | 'runs.start'
  | 'runs.resume'
  | 'runs.pause'
  | 'runs.unpause'
  | 'runs.stop'
  | 'jobs.list'
  | 'runs.exportModel'
>;

export function runHandlers({ home, jobs }: ServiceContext): RunHandlers {
  return {
    'runs.list': async () => listRunCards(home),
    'runs.get': async ({ name }) => readRunDetails(home, name, jobs),
    'runs.start': async ({ model, dataset, datasetB, title, preset, advanced }) => {
      const name = uniqueName(nameFromTitle(title), (n) => existsSync(runFolder(home, n)));
      const config = configFromPreset(model, preset, advanced);
      createNewRun(home, name, { dataset, datasetB, model, config });
      return { jobId: jobs.start('train', name, { kind: 'train', home, run: name }), name };
    },
    'runs.resume': async ({ name, totalSteps }) => ({
      jobId: jobs.start('train', name, { kind: 'train', home, run: name, totalSteps }),
    }),
    'runs.pause': async ({ name }) => (jobs.pause(name), null),
    'runs.unpause': async ({ name }) => (jobs.resume(name), null),
    'runs.stop': async ({ name }) => (jobs.stop(name), null),
    'jobs.list': async () => jobs.list(),
    'runs.exportModel': async ({ name, folder }) => {
      const outFolder =
        folder === undefined ? webExportFolder(home, `${name}-model`) : join(folder, `${name}-model`);
      const done = await jobs.collectResult(
        'export-model',
        name,
        { kind: 'export-model', home, run: name, outFolder },
        (event): event is SampleDoneEvent => event.event === 'done' && 'files' in event,
        `exporting ${name} wrote nothing`,
      );
      return exportResult(home, done.files);
    },
  };
}
