import type { Direction, MediaPath, StudioEvent, TranslatedPhoto } from '../../../src-main/shared/studio-api';
import type { PreparedImport, StudioClient } from '../../lib/studio-client';

/** A file the engine wrote under the library folder, as a media path (the same one the media route serves). */
export function mediaOfLibraryFile(libraryHome: string, path: string): MediaPath | null {
  const home = libraryHome.replace(/\\/g, '/').replace(/\/+$/, '');
  const file = path.replace(/\\/g, '/');
  return file.startsWith(`${home}/`) ? file.slice(home.length + 1) : null;
}

/**
 * One batch of photos being translated: uploads them (web mode), starts the job, and collects each result as
 * it arrives, with its upright original for the before/after view.
 */
export class TranslateSession {
  phase = $state<'idle' | 'uploading' | 'translating' | 'done' | 'failed'>('idle');
  done = $state(0);
  total = $state(0);
  results = $state<TranslatedPhoto[]>([]);
  skipped = $state<string[]>([]);
  error = $state<string | null>(null);

  private jobId: string | null = null;
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly client: StudioClient,
    private readonly libraryHome: string,
    readonly run: string,
  ) {}

  async start(prepared: PreparedImport, direction: Direction): Promise<void> {
    this.close();
    Object.assign(this, { phase: 'uploading', done: 0, total: 0, results: [], skipped: [], error: null });
    this.unsubscribe = this.client.subscribe((event) => this.onEvent(event));
    try {
      const source = await prepared.source((done, total) => Object.assign(this, { done, total }));
      if (!source) {
        this.phase = 'idle';
        return;
      }
      this.phase = 'translating';
      this.jobId = (await this.client.call('translate.start', { run: this.run, source, direction })).jobId;
    } catch (error) {
      Object.assign(this, { phase: 'failed', error: (error as Error).message });
    }
  }

  close(): void {
    this.unsubscribe();
  }

  private onEvent({ jobId, kind, target, event }: StudioEvent): void {
    // The job id arrives with the reply; until then, this run's translate events are ours.
    if (kind !== 'translate' || target !== this.run || (this.jobId && jobId !== this.jobId)) return;
    if (event.event === 'progress' && 'input' in event) {
      this.done = event.done;
      this.total = event.total;
      const after = event.output && mediaOfLibraryFile(this.libraryHome, event.output);
      const before = event.original && mediaOfLibraryFile(this.libraryHome, event.original);
      const name = event.input.replace(/\\/g, '/').split('/').at(-1) ?? event.input;
      if (after && before) this.results.push({ name, before, after });
    }
    if (event.event === 'warning') this.skipped.push(event.message);
    if (event.event === 'error') Object.assign(this, { phase: 'failed', error: event.message });
    if (event.event === 'done' && this.phase !== 'failed') this.phase = 'done';
  }
}
