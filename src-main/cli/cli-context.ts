import type { Command } from 'commander';
import { resolveLibraryHome } from '../library/library-home';
import { CliOutput } from './cli-output';

/** What every command needs from the global options, resolved once they are parsed. */
export interface CliContext {
  globals(): { home: string; output: CliOutput };
  exit(code: number): void;
}

export function createCliContext(program: Command, setExitCode: (code: number) => void): CliContext {
  return {
    globals() {
      const options = program.opts<{ home?: string; json?: boolean }>();
      return { home: resolveLibraryHome(options.home), output: new CliOutput(Boolean(options.json)) };
    },
    exit: setExitCode,
  };
}
