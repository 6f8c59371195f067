import type { Command } from 'commander';
import { restoreFromTrash, trashDataset, trashRun } from '../../library/trash';
import { TRASH_KEEP_DAYS, type TrashedItem } from '../../shared/trash';
import type { CliContext } from '../cli-context';

/** `gan-studio delete` and `gan-studio restore`: the library's trash, as the app's Delete and Undo use it. */
export function addDeleteCommands(program: Command, context: CliContext): void {
  program
    .command('delete')
    .description(
      `move a run or a dataset to the library's trash (kept ${TRASH_KEEP_DAYS} days; undo with restore)`,
    )
    .option('--run <name>', 'run to delete (refused while it trains)')
    .option('--dataset <name>', 'dataset to delete (refused while a run trains on it)')
    .action((options: { run?: string; dataset?: string }) => {
      const { home, output } = context.globals();
      if ((options.run === undefined) === (options.dataset === undefined))
        throw new Error('delete takes one of --run NAME or --dataset NAME');
      let item: TrashedItem;
      let usedBy: string[] = [];
      if (options.run !== undefined) item = trashRun(home, options.run);
      else ({ usedBy, ...item } = trashDataset(home, options.dataset!));
      const lines = [
        `moved ${item.kind} ${item.name} to the trash; undo with: gan-studio restore ${item.id}`,
      ];
      if (usedBy.length > 0)
        lines.push(`runs made from it can't train further until it is restored: ${usedBy.join(', ')}`);
      output.result(lines.join('\n'), { event: 'deleted', ...item, usedBy });
    });

  program
    .command('restore')
    .description('put a deleted run or dataset back (the id is printed by delete)')
    .argument('<id>', 'trash id')
    .action((id: string) => {
      const { home, output } = context.globals();
      const item = restoreFromTrash(home, id);
      output.result(`restored ${item.kind} ${item.name}`, { event: 'restored', ...item });
    });
}
