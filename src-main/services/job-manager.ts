import { randomUUID } from 'node:crypto';
import { type JobHandle, startJob, type WorkerFactory } from '../jobs/job-host';
import type { ImportJobSpec, TrainJobSpec } from '../jobs/worker-protocol';
import type { JobEvent } from '../shared/job-events';
import type { JobInfo, StudioEvent } from '../shared/studio-api';

interface ActiveJob {
  info: JobInfo;
  handle: JobHandle;
}

/**
 * The host's long-running jobs (imports and training), each in its own worker. It remembers each job's newest
 * progress so a view opened late (or a reloaded page) shows the same state, and it fans every event out to
 * the transports' subscribers.
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

  /** `afterwards` runs when the import has ended, whatever the outcome. */
  startImport(spec: ImportJobSpec, afterwards?: () => void): string {
    const id = this.start('import', spec.name, spec);
    if (afterwards) void this.jobs.get(id)!.handle.done.then(afterwards);
    return id;
  }

  startTraining(spec: TrainJobSpec): string {
    if (this.trainingJob(spec.run)) throw new Error(`run ${spec.run} is already training`);
    return this.start('train', spec.run, spec);
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

  private start(kind: JobInfo['kind'], target: string, spec: ImportJobSpec | TrainJobSpec): string {
    const id = randomUUID();
    const info: JobInfo = { id, kind, target, status: 'running', lastProgress: null };
    const handle = startJob(spec, (event) => this.onEvent(info, event), this.createWorker);
    this.jobs.set(id, { info, handle });
    void handle.done.then(() => this.jobs.delete(id));
    return id;
  }

  private onEvent(info: JobInfo, event: JobEvent): void {
    if (event.event === 'progress') info.lastProgress = event;
    // Once a job says it is done it no longer owns its run, even while its worker is still exiting.
    if (event.event === 'done') this.jobs.delete(info.id);
    if (event.event === 'status') info.status = event.status === 'paused' ? 'paused' : 'running';
    const studioEvent: StudioEvent = { jobId: info.id, kind: info.kind, target: info.target, event };
    for (const listener of this.listeners) listener(studioEvent);
  }

  private requireTraining(run: string): ActiveJob {
    const job = this.trainingJob(run);
    if (!job) throw new Error(`run ${run} is not training`);
    return job;
  }
}
