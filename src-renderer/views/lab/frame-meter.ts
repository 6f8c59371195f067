/**
 * Frames and training steps per second over a sliding one-second window: what the view shows as its speed,
 * and what the benchmark reads to measure the frame rate while training.
 */
const WINDOW_MS = 1000;

export class FrameMeter {
  private readonly frames: { at: number; steps: number }[] = [];

  /** Call once per painted frame with the training steps it ran. */
  tick(at: number, steps: number): void {
    this.frames.push({ at, steps });
    while (this.frames.length > 0 && this.frames[0]!.at <= at - WINDOW_MS) this.frames.shift();
  }

  reset(): void {
    this.frames.length = 0;
  }

  /** Frames per second over the window (0 until two frames have been seen). */
  get framesPerSecond(): number {
    const span = this.span();
    return span > 0 ? ((this.frames.length - 1) * 1000) / span : 0;
  }

  get stepsPerSecond(): number {
    const span = this.span();
    if (span <= 0) return 0;
    // The first frame's steps happened before the window's start.
    const steps = this.frames.slice(1).reduce((sum, frame) => sum + frame.steps, 0);
    return (steps * 1000) / span;
  }

  private span(): number {
    if (this.frames.length < 2) return 0;
    return this.frames[this.frames.length - 1]!.at - this.frames[0]!.at;
  }
}
