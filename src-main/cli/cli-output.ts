import type { JobEvent } from '../shared/job-events';

/**
 * Where the CLI's words go. With --json, stdout carries exactly one JSON object per line, each with an
 * "event" field, and nothing else; people get readable lines instead, with live progress on stderr.
 */
export class CliOutput {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  ) {}

  event(event: JobEvent): void {
    if (this.json) return this.line(JSON.stringify(event));
    const text = describeEvent(event);
    if (text === undefined) return;
    if (event.event === 'progress' && this.stderr.isTTY) {
      this.stderr.write(`\r\x1b[2K${text}`);
      return;
    }
    if (this.stderr.isTTY) this.stderr.write('\r\x1b[2K');
    (event.event === 'error' || event.event === 'warning' ? this.stderr : this.stdout).write(`${text}\n`);
  }

  /** A result for people, or a JSON object for scripts. */
  result(human: string, data: Record<string, unknown> & { event: string }): void {
    if (this.json) this.line(JSON.stringify(data));
    else this.stdout.write(`${human}\n`);
  }

  /** A failure: one line on stderr (and an error event with --json). */
  error(message: string): void {
    if (this.json) this.line(JSON.stringify({ event: 'error', message }));
    this.stderr.write(`gan-studio: ${message}\n`);
  }

  private line(text: string): void {
    this.stdout.write(`${text}\n`);
  }
}

export function describeEvent(event: JobEvent): string | undefined {
  switch (event.event) {
    case 'started':
      return event.backend ? `${event.job} on the ${event.backend.name} backend` : undefined;
    case 'progress':
      if ('phase' in event) return `${event.phase} ${event.done}/${event.total}`;
      return [
        `step ${event.step}/${event.totalSteps}`,
        `D loss ${event.dLoss.toFixed(3)}`,
        `G loss ${event.gLoss.toFixed(3)}`,
        `D(real) ${event.dReal.toFixed(2)}`,
        `D(fake) ${event.dFake.toFixed(2)}`,
        `${event.imgPerSec.toFixed(1)} img/s`,
        `ETA ${formatDuration(event.etaSeconds)}`,
      ].join('  ');
    case 'status':
      return event.status === 'paused' ? `paused at step ${event.step}` : `resumed at step ${event.step}`;
    case 'preview':
      return `preview at step ${event.step}: ${event.path}`;
    case 'checkpoint':
      return `checkpoint at step ${event.step}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'error':
      return `error: ${event.message}`;
    case 'done':
      if ('imported' in event) {
        const lines = [
          `dataset ${event.dataset}: ${event.imported} imported, ${event.duplicates} duplicates dropped, ${event.skipped} skipped`,
          ...event.skippedFiles.map((file) => `  skipped ${file.path}: ${file.reason}`),
        ];
        return lines.join('\n');
      }
      if ('run' in event) return `run ${event.run} ${event.status} at step ${event.step}`;
      return event.files.join('\n');
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
