import { readTensorValues } from '../../src-main/engine/checkpoints/checkpoint-store';
import type { GanTrainer, StepMetrics, TensorValues } from '../../src-main/engine/models/gan-trainer';

/** Runs `steps` training steps starting after `from` completed ones, returning each step's metrics. */
export async function trainSteps(trainer: GanTrainer, from: number, steps: number): Promise<StepMetrics[]> {
  const metrics: StepMetrics[] = [];
  for (let step = from; step < from + steps; step++) metrics.push(await trainer.trainStep(step, 1));
  return metrics;
}

/** A trainer's checkpoint content, copied out of the backend (what a checkpoint file would hold). */
export async function snapshotState(
  trainer: GanTrainer,
): Promise<{ tensors: TensorValues; counters: Record<string, number> }> {
  const tensors = new Map(
    [...(await readTensorValues(trainer.stateTensors()))].map(([name, v]) => [
      name,
      { shape: v.shape, values: Float32Array.from(v.values) },
    ]),
  );
  return { tensors, counters: trainer.stateCounters() };
}
