import type { ImportProgressEvent } from '../../shared/job-events';

export type ReportProgress = (phase: ImportProgressEvent['phase'], done: number, total: number) => void;

/**
 * Forward progress, at most one event per `intervalMs` within a phase, so a folder of 100,000 small files
 * doesn't flood the renderer with 100,000 IPC messages. A phase's first event and its last (done === total)
 * always get through, so a listener always sees where each phase starts and that it finished.
 */
export function createProgressReporter(
  onProgress: ((event: ImportProgressEvent) => void) | undefined,
  intervalMs = 100,
  now: () => number = () => performance.now(),
): ReportProgress {
  if (!onProgress) return () => {};
  let last: ImportProgressEvent | null = null;
  let lastAt = -Infinity;
  return (phase, done, total) => {
    const at = now();
    if (last?.phase === phase) {
      if (last.done === done && last.total === total) return;
      if (done !== total && at - lastAt < intervalMs) return;
    }
    last = { event: 'progress', phase, done, total };
    lastAt = at;
    onProgress(last);
  };
}
