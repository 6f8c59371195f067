/**
 * Pause, resume and stop requests from the host, checked by the training loop between steps, so each takes
 * effect within one step.
 */
export class TrainingControl {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp();
  }

  get isPaused(): boolean {
    return this.paused && !this.stopped;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Called between steps: lets pending host messages in, waits while paused, and says whether to stop and
   * whether it waited (so the loop doesn't count a pause as slow training).
   */
  async beforeStep(
    hooks: { onPause?: () => void; onResume?: () => void } = {},
  ): Promise<{ stop: boolean; waited: boolean }> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const waited = this.isPaused;
    if (waited) {
      hooks.onPause?.();
      while (this.isPaused) await new Promise<void>((resolve) => (this.wake = resolve));
      if (!this.stopped) hooks.onResume?.();
    }
    return { stop: this.stopped, waited };
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
