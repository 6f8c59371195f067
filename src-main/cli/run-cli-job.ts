import type { JobHandle } from '../jobs/job-host';
import { startJob } from '../jobs/job-host';
import { createNodeEngineWorker } from '../jobs/node-worker';
import type { JobSpec } from '../jobs/worker-protocol';
import type { CliOutput } from './cli-output';

/** Exit codes: 0 done, 1 failed, 130 stopped by Ctrl-C (after saving a checkpoint). */
export async function runCliJob(
  job: JobSpec,
  output: CliOutput,
  whileRunning?: (handle: JobHandle) => Promise<void>,
): Promise<number> {
  let interrupted = false;
  const handle = startJob(job, (event) => output.event(event), createNodeEngineWorker);
  // First Ctrl-C: stop after the current step and save a checkpoint. Second: quit now.
  const onSigint = () => {
    if (interrupted) {
      void handle.terminate();
      return;
    }
    interrupted = true;
    process.stderr.write(
      '\nstopping after this step (a checkpoint will be written); Ctrl-C again to quit now\n',
    );
    handle.stop();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    if (whileRunning) {
      try {
        await whileRunning(handle);
      } catch (error) {
        handle.stop();
        // A job that failed has already said why in its error event.
        if ((await handle.done).ok) output.error((error as Error).message);
        return 1;
      }
      handle.stop();
    }
    const result = await handle.done;
    if (!result.ok) return 1;
    return interrupted ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
