/**
 * How long a frame may spend training: TRAINING_SHARE of the display's period (7.5 ms at 60 Hz), less if the
 * rest of the Lab's work in a frame (probing, measuring, painting) would then take the frame past WORK_SHARE of
 * the period. The browser keeps the remainder for style, layout and compositing; a slow machine trains fewer
 * steps per frame rather than dropping frames.
 *
 * A fixed share rather than a budget that chases late frames: on a machine busy with other processes every
 * frame is late whatever the Lab does, and chasing that starved training (about 150 steps/s instead of 700 on
 * a loaded 2-core machine, with no frame-rate gain).
 */
const TRAINING_SHARE = 0.45;
const WORK_SHARE = 0.85;
const MIN_MS = 1;
/** The display's period is the shortest frame interval seen since play began, at most this (50 Hz). */
const SLOWEST_DISPLAY_MS = 20;
/** Weight of the latest frame in the moving average of the Lab's other work. */
const SMOOTHING = 0.1;

export class FrameBudget {
  private displayPeriod = SLOWEST_DISPLAY_MS;
  private lastFrameAt: number | undefined;
  private otherWork = 0;

  /** Call at the start of each frame with its timestamp; returns the milliseconds it may train for. */
  next(now: number): number {
    if (this.lastFrameAt !== undefined && now > this.lastFrameAt) {
      this.displayPeriod = Math.min(this.displayPeriod, now - this.lastFrameAt);
    }
    this.lastFrameAt = now;
    return this.milliseconds;
  }

  /** The frame's whole work and the part of it spent training, in milliseconds. */
  workDone(total: number, training: number): void {
    this.otherWork += SMOOTHING * (Math.max(0, total - training) - this.otherWork);
  }

  get milliseconds(): number {
    const period = this.displayPeriod;
    return Math.max(MIN_MS, Math.min(TRAINING_SHARE * period, WORK_SHARE * period - this.otherWork));
  }

  /** After a pause the next interval means nothing. */
  reset(): void {
    this.lastFrameAt = undefined;
    this.displayPeriod = SLOWEST_DISPLAY_MS;
  }
}
