import type { Command } from 'commander';
import { backendFromEnv, doctorReport, initBackend } from '../../engine/backends/select-backend';
import type { CliContext } from '../cli-context';

export function addDoctorCommand(program: Command, context: CliContext): void {
  program
    .command('doctor')
    .description('show the compute backend in use, why faster ones are not, versions, and the library folder')
    .action(async () => {
      const { home, output } = context.globals();
      const info = await initBackend({ forced: backendFromEnv() });
      output.result([...doctorReport(info), `library: ${home}`].join('\n'), {
        event: 'doctor',
        ...info,
        home,
      });
    });
}
