import type { IterationResult, LabSession } from '../../../src-main/engine/lab/lab-session';
import { FrameBudget } from './frame-budget';
import { IterationAverage } from './iteration-average';

/** One animation frame's training: iterations until the steps per frame or the frame's time budget run out. */
export class FrameTrainer {
  /** How long the last frame trained, in milliseconds. */
  trainingMs = 0;
  private readonly budget = new FrameBudget();
  private readonly average = new IterationAverage();

  constructor(private readonly now: () => number) {}

  /** Call as a frame starts; returns the time by which its training must stop. */
  begin(): number {
    const started = this.now();
    return started + this.budget.next(started);
  }

  train(
    session: LabSession,
    stepsPerFrame: number,
    deadline: number,
  ): { mean?: IterationResult; steps: number } {
    const started = this.now();
    this.average.start();
    while (this.average.steps < stepsPerFrame && this.now() < deadline)
      this.average.add(session.trainIteration());
    this.trainingMs = this.now() - started;
    return { mean: this.average.mean(), steps: this.average.steps };
  }

  /** The frame's whole work (training, probing, painting), to size the next frame's budget. */
  workDone(milliseconds: number): void {
    this.budget.workDone(milliseconds, this.trainingMs);
  }

  /** After a pause. */
  reset(): void {
    this.budget.reset();
  }
}
