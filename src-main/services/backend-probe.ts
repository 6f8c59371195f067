import type { WorkerFactory } from '../jobs/job-host';
import { startJob } from '../jobs/job-host';
import type { BackendReport } from '../shared/job-events';

/**
 * Finds out which backend the engine gets, by starting a worker the way training would. Hosts never load
 * TensorFlow on their own thread; the answer is cached for the host's life.
 */
export function createBackendProbe(home: string, createWorker: WorkerFactory): () => Promise<BackendReport> {
  let answer: Promise<BackendReport> | undefined;
  return () => {
    answer ??= new Promise<BackendReport>((resolve, reject) => {
      let found: BackendReport | undefined;
      let failure = 'the engine worker ended without reporting its backend';
      const job = startJob(
        { kind: 'probe', home },
        (event) => {
          if (event.event === 'started' && event.backend) found = event.backend;
          if (event.event === 'error') failure = event.message;
        },
        createWorker,
      );
      void job.done.then(() => (found ? resolve(found) : reject(new Error(failure))));
    });
    answer.catch(() => (answer = undefined));
    return answer;
  };
}
