import { Command, CommanderError } from 'commander';
import { addDeleteCommands } from './commands/delete-command';
import { addDoctorCommand } from './commands/doctor-command';
import { addEvalCommand } from './commands/eval-command';
import { addExportModelCommand } from './commands/export-model-command';
import { addImportPairsCommand } from './commands/import-pairs-command';
import { addImportCommand } from './commands/import-command';
import { addListCommand } from './commands/list-command';
import { addSampleCommand } from './commands/sample-command';
import { addTrainCommands } from './commands/train-command';
import { addTranslateCommand } from './commands/translate-command';
import { createCliContext } from './cli-context';
import { CliOutput } from './cli-output';

/** `gan-studio`: the command line over the same library and engine as the desktop app. */
const program = new Command('gan-studio')
  .description('Train GANs on your own images from the terminal.')
  .option('--home <dir>', 'library folder (default: $GAN_STUDIO_HOME, else the desktop app’s data folder)')
  .option('--json', 'print one JSON object per event on stdout, and nothing else')
  .showHelpAfterError('(run gan-studio --help for usage)')
  .exitOverride();

let exitCode = 0;
const context = createCliContext(program, (code) => (exitCode = code));
addDoctorCommand(program, context);
addImportCommand(program, context);
addTrainCommands(program, context);
addSampleCommand(program, context);
addExportModelCommand(program, context);
addImportPairsCommand(program, context);
addTranslateCommand(program, context);
addEvalCommand(program, context);
addListCommand(program, context);
addDeleteCommands(program, context);
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (it names the bad option or argument).
    exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    new CliOutput(Boolean(program.opts().json)).error((error as Error).message);
    exitCode = 1;
  }
}
process.exitCode = exitCode;
