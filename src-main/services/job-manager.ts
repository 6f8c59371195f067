import { randomUUID } from 'node:crypto';
import { type JobHandle, startJob, type WorkerFactory } from '../jobs/job-host';
import type { JobSpec } from '../jobs/worker-protocol';
import type { JobEvent } from '../shared/job-events';
import type { JobInfo, StudioEvent } from '../shared/studio-api';

interface ActiveJob {
  info: JobInfo;
  handle: JobHandle;
}

/**
 * The host's long-running jobs (imports, training, translating, evaluating), each in its own worker. It
 * remembers each job's newest progress so a view opened late (or a reloaded page) shows the same state, and it
 * fans every event out to the transports' subscribers.
 */
export class JobManager {
  private readonly jobs = new Map<string, ActiveJob>();
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  constructor(private readonly createWorker: WorkerFactory) {}

  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((job) => ({ ...job.info }));
  }

  /** The job training `run`, if one is. */
  trainingJob(run: string): ActiveJob | undefined {
    return [...this.jobs.values()].find((job) => job.info.kind === 'train' && job.info.target === run);
  }

  /**
   * Starts a job about `target` (the dataset or run it concerns); `afterwards` runs when it has ended,
   * whatever the outcome. Returns its id.
   */
  start(kind: JobInfo['kind'], target: string, spec: JobSpec, afterwards?: () => void): string {
    if (kind === 'train' && this.trainingJob(target)) throw new Error(`run ${target} is already training`);
    const id = randomUUID();
    const info: JobInfo = { id, kind, target, status: 'running', lastProgress: null };
    const handle = startJob(spec, (event) => this.onEvent(info, event), this.createWorker);
    this.jobs.set(id, { info, handle });
    void handle.done.then(() => {
      this.jobs.delete(id);
      afterwards?.();
    });
    return id;
  }

  /** Runs a short job to its end and gives back everything it reported (for calls that wait for a result). */
  private async collect(
    kind: JobInfo['kind'],
    target: string,
    spec: JobSpec,
  ): Promise<{ ok: boolean; events: JobEvent[] }> {
    const events: JobEvent[] = [];
    let id = '';
    const unsubscribe = this.subscribe((event) => {
      if (event.jobId === id) events.push(event.event);
    });
    await new Promise<void>((resolve) => (id = this.start(kind, target, spec, resolve)));
    unsubscribe();
    return { ok: !events.some((event) => event.event === 'error'), events };
  }

  /**
   * Runs a short job to its end and gives back the one event `isResult` picks; a job that failed throws its own
   * error message, one that ended without a result throws `noResult`.
   */
  async collectResult<T extends JobEvent>(
    kind: JobInfo['kind'],
    target: string,
    spec: JobSpec,
    isResult: (event: JobEvent) => event is T,
    noResult: string,
  ): Promise<T> {
    const { events } = await this.collect(kind, target, spec);
    const result = events.find(isResult);
    if (result) return result;
    const failure = events.find((event) => event.event === 'error');
    throw new Error(failure && 'message' in failure ? failure.message : noResult);
  }

  pause(run: string): void {
    this.requireTraining(run).handle.pause();
  }

  resume(run: string): void {
    this.requireTraining(run).handle.resume();
  }

  stop(run: string): void {
    const job = this.requireTraining(run);
    job.info.status = 'stopping';
    job.handle.stop();
  }

  /** Stops every job (each training run writes a checkpoint) and waits for them, for a clean shutdown. */
  async stopAll(): Promise<void> {
    const all = [...this.jobs.values()];
    for (const job of all) job.handle.stop();
    await Promise.all(all.map((job) => job.handle.done));
  }

  private onEvent(info: JobInfo, event: JobEvent): void {
    if (event.event === 'progress') info.lastProgress = event;
    if (event.event === 'status') info.status = event.status === 'paused' ? 'paused' : 'running';
    // Once a training job says it is done it no longer owns its run, even while its worker is still exiting.
    if (event.event === 'done' && info.kind === 'train') this.jobs.delete(info.id);
    const studioEvent: StudioEvent = { jobId: info.id, kind: info.kind, target: info.target, event };
    for (const listener of this.listeners) listener(studioEvent);
  }

  private requireTraining(run: string): ActiveJob {
    const job = this.trainingJob(run);
    if (!job) throw new Error(`run ${run} is not training`);
    return job;
  }
}
