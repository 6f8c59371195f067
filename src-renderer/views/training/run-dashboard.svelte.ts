import { resumesFrom, type MetricsRecord, type RunMeta } from '../../../src-main/shared/run';
import type {
  PreviewFrame,
  RunDetails,
  StudioEvent,
  TranslationInfo,
} from '../../../src-main/shared/studio-api';
import type { StudioClient } from '../../lib/studio-client';

export interface DashboardWarning {
  message: string;
  advice: string;
}

/** What to tell a person about each kind of engine warning. */
const ADVICE: Record<string, string> = {
  'non-finite-loss':
    'Training went unstable, so it stepped back to the last checkpoint with smaller learning rates. If it keeps happening, lower both learning rates in Advanced, or use a smaller batch.',
  'checkpoint-corrupt': 'A damaged checkpoint file was skipped; training continued from the one before it.',
  'discriminator-winning':
    'The discriminator tells real from generated images every time, so the generator gets little to learn from. Keep augmentation on, add more images, or lower the discriminator learning rate.',
  'dataset-small': 'Small datasets are easy to memorize. Keep augmentation on and expect some repetition.',
};

/**
 * One run's dashboard: loads the run's history once, then follows its job's events live. Leaving and coming
 * back (or reloading) rebuilds the same picture from the run folder and the job's newest progress.
 */
export class RunDashboard {
  meta = $state<RunMeta | null>(null);
  metrics = $state<MetricsRecord[]>([]);
  previews = $state<PreviewFrame[]>([]);
  warnings = $state<DashboardWarning[]>([]);
  error = $state<string | null>(null);
  live = $state<{ imgPerSec: number; etaSeconds: number } | null>(null);
  imageSize = $state(0);
  busy = $state(false);
  /** pix2pix and CycleGAN runs: directions and held-out scores. */
  translation = $state<TranslationInfo | null>(null);

  readonly chartData = $derived([
    this.metrics.map((m) => m.step),
    this.metrics.map((m) => m.dLoss),
    this.metrics.map((m) => m.gLoss),
  ]);
  readonly scoreData = $derived([
    this.metrics.map((m) => m.step),
    this.metrics.map((m) => m.dReal),
    this.metrics.map((m) => m.dFake),
  ]);
  readonly active = $derived(this.meta?.status === 'running' || this.meta?.status === 'paused');
  /** For a run that crashed or failed past its newest checkpoint: the step training continues from. */
  readonly continuesFrom = $derived(this.meta ? resumesFrom(this.meta) : null);

  private unsubscribe: () => void = () => {};

  constructor(
    private readonly client: StudioClient,
    readonly name: string,
  ) {}

  async open(): Promise<void> {
    this.unsubscribe = this.client.subscribe((event) => this.onEvent(event));
    await this.reload();
  }

  close(): void {
    this.unsubscribe();
  }

  async reload(): Promise<void> {
    try {
      this.apply(await this.client.call('runs.get', { name: this.name }));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  pause = () => this.command(() => this.client.call('runs.pause', { name: this.name }));
  unpause = () => this.command(() => this.client.call('runs.unpause', { name: this.name }));
  stop = () => this.command(() => this.client.call('runs.stop', { name: this.name }));
  evaluate = () =>
    this.command(async () => {
      const result = await this.client.call('runs.evaluate', { name: this.name });
      this.translation?.evaluations.push(result);
    });
  resumeTraining = (totalSteps?: number) =>
    this.command(async () => {
      await this.client.call('runs.resume', { name: this.name, totalSteps });
      this.warnings = [];
      await this.reload();
    });

  private async command(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private apply(details: RunDetails): void {
    this.meta = details.meta;
    this.metrics = details.metrics;
    this.previews = details.previews;
    this.imageSize = details.imageSize;
    this.translation = details.translation;
  }

  private onEvent({ kind, target, event }: StudioEvent): void {
    if (kind !== 'train' || target !== this.name || !this.meta) return;
    switch (event.event) {
      case 'progress':
        if (!('step' in event)) return;
        this.metrics.push({
          step: event.step,
          // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp string, not reactive state
          time: new Date().toISOString(),
          dLoss: event.dLoss,
          gLoss: event.gLoss,
          dReal: event.dReal,
          dFake: event.dFake,
          imgPerSec: event.imgPerSec,
          learningRateScale: event.learningRateScale,
        });
        this.meta.step = event.step;
        this.live = { imgPerSec: event.imgPerSec, etaSeconds: event.etaSeconds };
        return;
      case 'status':
        this.meta.status = event.status;
        return;
      case 'warning':
        this.warnings.push({ message: event.message, advice: ADVICE[event.code] ?? '' });
        return;
      case 'error':
        this.error = event.message;
        return;
      case 'eval':
        this.translation?.evaluations.push(event);
        return;
      case 'preview':
      case 'checkpoint':
      case 'started':
      case 'done':
        void this.reload();
        if (event.event === 'done') this.live = null;
        return;
    }
  }
}
