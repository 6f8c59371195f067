import { parentPort } from 'node:worker_threads';
import { toBackendReport } from '../engine/backends/backend-info';
import { initBackend } from '../engine/backends/select-backend';
import { TrainingControl } from '../engine/training/training-control';
import type { BackendReport, JobEvent } from '../shared/job-events';
import { runEvalJob } from './eval-job';
import { runExportModelJob } from './export-model-job';
import { runImportJob } from './import-job';
import { runImportPairsJob } from './import-pairs-job';
import { SamplerSession } from './sampler-session';
import { runTrainJob } from './train-job';
import { runTranslateJob } from './translate-job';
import type { HostMessage, JobSpec, SampleRequest, SamplerJobSpec, WorkerMessage } from './worker-protocol';

/*
 * The engine worker's entry point: one job per worker. Training and decoding happen here, off the host's
 * thread; whatever goes wrong becomes an error event for the host.
 */

const port = parentPort;
if (!port) throw new Error('engine-worker must run as a worker thread');

const post = (message: WorkerMessage) => port.postMessage(message);
const emit = (event: JobEvent) => post({ type: 'event', event });

const control = new TrainingControl();
const stopSignal = new AbortController();
/** Sample requests can arrive before the sampler has loaded; they wait for this. */
const sampler = deferred<SamplerSession>();
let started = false;

port.on('message', (message: HostMessage) => {
  switch (message.type) {
    case 'start':
      if (started) return;
      started = true;
      if (message.job.kind !== 'sampler') sampler.reject(new Error('this worker is not running a sampler'));
      void runJob(message.job);
      return;
    case 'pause':
      return control.pause();
    case 'resume':
      return control.resume();
    case 'stop':
      control.stop();
      stopSignal.abort();
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
      await runImportJob(job, stopSignal.signal, emit);
    } else if (job.kind === 'import-pairs') {
      emit({ event: 'started', job: 'import' });
      await runImportPairsJob(job, stopSignal.signal, emit);
    } else {
      const backend = await startBackend(job.backend);
      if (job.kind === 'probe') emit({ event: 'started', job: 'probe', backend });
      else if (job.kind === 'train') {
        emit({ event: 'started', job: 'train', backend });
        await runTrainJob(job, backend, control, emit);
      } else if (job.kind === 'translate') {
        emit({ event: 'started', job: 'translate', backend });
        await runTranslateJob(job, stopSignal.signal, emit);
      } else if (job.kind === 'eval') {
        emit({ event: 'started', job: 'eval', backend });
        await runEvalJob(job, emit);
      } else if (job.kind === 'export-model') {
        emit({ event: 'started', job: 'export-model', backend });
        await runExportModelJob(job, emit);
      } else await serveSamples(job, backend);
    }
  } catch (error) {
    ok = false;
    sampler.reject(error as Error);
    emit({ event: 'error', message: (error as Error).message });
  }
  post({ type: 'finished', ok });
  port!.close();
}

/** A sampler serves requests until the host stops it. */
async function serveSamples(job: SamplerJobSpec, backend: BackendReport): Promise<void> {
  const session = SamplerSession.open(job);
  sampler.resolve(session);
  emit({ event: 'started', job: 'sample', backend });
  if (!stopSignal.signal.aborted) {
    await new Promise((resolve) => stopSignal.signal.addEventListener('abort', resolve, { once: true }));
  }
  session.close();
}

async function startBackend(forced: JobSpec['backend']): Promise<BackendReport> {
  return toBackendReport(await initBackend({ forced }));
}

async function answerSample(requestId: number, request: SampleRequest): Promise<void> {
  try {
    const session = await sampler.promise;
    post({ type: 'sampled', requestId, files: await session.sample(request) });
  } catch (error) {
    post({ type: 'sample-failed', requestId, message: (error as Error).message });
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
