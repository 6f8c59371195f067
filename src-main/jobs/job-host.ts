import type { Worker } from 'node:worker_threads';
import type { JobEvent } from '../shared/job-events';
import type { HostMessage, JobSpec, SampleRequest, WorkerMessage } from './worker-protocol';

/** Makes the worker that runs a job: a worker_thread under Node; the app passes its own. */
export type WorkerFactory = () => Worker;

export interface JobResult {
  ok: boolean;
}

export interface JobHandle {
  pause(): void;
  resume(): void;
  stop(): void;
  /** For sampler jobs: write PNGs for seeds, resolving to their paths. */
  sample(request: SampleRequest): Promise<string[]>;
  /** Ends the worker at once (no checkpoint); for hosts shutting down after stop() timed out. */
  terminate(): Promise<void>;
  /** Settles when the job ends; never rejects: failures arrive as error events and ok: false. */
  readonly done: Promise<JobResult>;
}

/**
 * Runs one job in its own worker. A worker that crashes (an exception outside the job, running out of memory,
 * a native abort) becomes an error event and a failed result; the host keeps running.
 */
export function startJob(
  job: JobSpec,
  onEvent: (event: JobEvent) => void,
  createWorker: WorkerFactory,
): JobHandle {
  const worker = createWorker();
  const pendingSamples = new Map<
    number,
    { resolve: (files: string[]) => void; reject: (error: Error) => void }
  >();
  let nextRequestId = 1;
  let finished: boolean | undefined;
  let failureReported = false;

  const send = (message: HostMessage) => {
    if (finished === undefined) worker.postMessage(message);
  };
  const fail = (message: string) => {
    if (!failureReported) onEvent({ event: 'error', message });
    failureReported = true;
  };

  worker.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'event':
        if (message.event.event === 'error') failureReported = true;
        onEvent(message.event);
        return;
      case 'sampled':
        pendingSamples.get(message.requestId)?.resolve(message.files);
        pendingSamples.delete(message.requestId);
        return;
      case 'sample-failed':
        pendingSamples.get(message.requestId)?.reject(new Error(message.message));
        pendingSamples.delete(message.requestId);
        return;
      case 'finished':
        finished = message.ok;
        return;
    }
  });

  const done = new Promise<JobResult>((resolve) => {
    worker.on('error', (error) => fail(`the engine worker crashed: ${error.message}`));
    worker.on('exit', (code) => {
      if (finished === undefined) fail(`the engine worker ended unexpectedly (exit code ${code})`);
      for (const pending of pendingSamples.values()) pending.reject(new Error('the engine worker has ended'));
      pendingSamples.clear();
      resolve({ ok: finished === true });
      finished ??= false;
    });
  });

  send({ type: 'start', job });
  return {
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    stop: () => send({ type: 'stop' }),
    sample: (request) =>
      new Promise<string[]>((resolve, reject) => {
        if (finished !== undefined) return reject(new Error('the job has ended'));
        const requestId = nextRequestId++;
        pendingSamples.set(requestId, { resolve, reject });
        send({ type: 'sample', requestId, request });
      }),
    terminate: async () => {
      await worker.terminate();
    },
    done,
  };
}
