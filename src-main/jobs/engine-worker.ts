import { parentPort } from 'node:worker_threads';
import { initBackend } from '../engine/backends/select-backend';
import { TrainingControl } from '../engine/training/training-control';
import type { BackendReport, JobEvent } from '../shared/job-events';
import { runImportJob } from './import-job';
import { SamplerSession } from './sampler-session';
import { runTrainJob } from './train-job';
import type { HostMessage, JobSpec, SampleRequest, WorkerMessage } from './worker-protocol';

/*
 * The engine worker's entry point: one job per worker. Training and decoding happen here, off the host's
 * thread; whatever goes wrong becomes an error event for the host.
 */

const port = parentPort;
if (!port) throw new Error('engine-worker must run as a worker thread');

const post = (message: WorkerMessage) => port.postMessage(message);
const emit = (event: JobEvent) => post({ type: 'event', event });

const control = new TrainingControl();
const importAbort = new AbortController();
let samplerClosed: (() => void) | undefined;
let started = false;
/** Settles once a sampler job has loaded its checkpoint (requests may arrive before that). */
let samplerReady: Promise<SamplerSession> = Promise.reject(new Error('this worker is not running a sampler'));
samplerReady.catch(() => {});

port.on('message', (message: HostMessage) => {
  switch (message.type) {
    case 'start':
      if (started) return;
      started = true;
      void runJob(message.job);
      return;
    case 'pause':
      return control.pause();
    case 'resume':
      return control.resume();
    case 'stop':
      control.stop();
      importAbort.abort();
      samplerClosed?.();
      return;
    case 'sample':
      void answerSample(message.requestId, message.request);
      return;
  }
});

async function runJob(job: JobSpec): Promise<void> {
  let ok = true;
  try {
    if (job.kind === 'import') {
      emit({ event: 'started', job: 'import' });
      await runImportJob(job, importAbort.signal, emit);
    } else {
      const backend = await startBackend(job.backend);
      if (job.kind === 'train') {
        emit({ event: 'started', job: 'train', backend });
        await runTrainJob(job, backend, control, emit);
      } else {
        const closed = new Promise<void>((resolve) => (samplerClosed = resolve));
        samplerReady = Promise.resolve().then(() => SamplerSession.open(job));
        const sampler = await samplerReady;
        emit({ event: 'started', job: 'sample', backend });
        // A sampler serves requests until the host stops it.
        await closed;
        sampler.close();
      }
    }
  } catch (error) {
    ok = false;
    emit({ event: 'error', message: (error as Error).message });
  }
  post({ type: 'finished', ok });
  port!.close();
}

async function startBackend(forced: JobSpec['backend']): Promise<BackendReport> {
  const info = await initBackend({ forced });
  return { name: info.name, notUsed: info.notUsed };
}

async function answerSample(requestId: number, request: SampleRequest): Promise<void> {
  try {
    const sampler = await samplerReady;
    post({ type: 'sampled', requestId, files: await sampler.sample(request) });
  } catch (error) {
    post({ type: 'sample-failed', requestId, message: (error as Error).message });
  }
}
