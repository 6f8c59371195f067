import type { Command } from 'commander';
import { listDatasets } from '../../library/datasets';
import { listRuns } from '../../library/runs';
import { listTrash } from '../../library/trash';
import { resumesFrom, type RunMeta } from '../../shared/run';
import type { CliContext } from '../cli-context';

/** Where a run is, and for one that stopped past its newest checkpoint, where `resume` picks it up. */
export function runProgressText(
  run: Pick<RunMeta, 'status' | 'step' | 'totalSteps' | 'checkpointStep'>,
): string {
  const at = `step ${run.step}/${run.totalSteps}`;
  const from = resumesFrom(run);
  return from === null ? at : `${at}, resumes from step ${from}`;
}

export function addListCommand(program: Command, context: CliContext): void {
  program
    .command('list')
    .description('list datasets and runs, with status')
    .action(() => {
      const { home, output } = context.globals();
      const datasets = listDatasets(home);
      const runs = listRuns(home);
      const trash = listTrash(home);
      const lines = [
        `library: ${home}`,
        `datasets (${datasets.length}):`,
        ...datasets.map(
          (d) =>
            `  ${d.name}  ${d.count} ${d.kind === 'paired' ? `pairs (${d.heldOut ?? 0} held out)` : 'images'} at ` +
            `${d.imageSize} px${d.labels.length ? `, ${d.labels.length} classes` : ''}`,
        ),
        `runs (${runs.length}):`,
        ...runs.map(
          (r) =>
            `  ${r.name}  ${r.model} on ${r.datasetB ? `${r.dataset} + ${r.datasetB}` : r.dataset}  ${r.status}  ${runProgressText(r)}`,
        ),
        ...(trash.length === 0
          ? []
          : [
              `trash (${trash.length}; gan-studio restore ID puts one back):`,
              ...trash.map((t) => `  ${t.id}  ${t.kind} ${t.name}, deleted ${t.deletedAt}`),
            ]),
      ];
      output.result(lines.join('\n'), { event: 'list', home, datasets, runs, trash });
    });
}
