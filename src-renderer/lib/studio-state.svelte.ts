import type { SkippedFile } from '../../src-main/shared/dataset';
import type {
  DatasetCard,
  ImportPairsRequest,
  ImportRequest,
  ImportSource,
  JobInfo,
  RunCard,
  StudioEvent,
  SystemInfo,
} from '../../src-main/shared/studio-api';
import type { TrashedItem, TrashKind } from '../../src-main/shared/trash';
import type { PreparedImport, StudioClient } from './studio-client';

export interface ImportActivity {
  jobId: string | null;
  name: string;
  /** Matched pairs rather than single images. */
  pairs: boolean;
  phase: 'uploading' | 'scanning' | 'decoding' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
  result?: {
    imported: number;
    duplicates: number;
    skipped: number;
    skippedFiles: SkippedFile[];
    /** Paired imports: files left without a partner, and pairs held out for evaluation. */
    unpartnered?: { path: string; reason: string }[];
    heldOut?: number;
  };
  error?: string;
}

/**
 * What the whole app shares: the engine's description, the library's datasets and runs, and the jobs under
 * way, kept current from the job event stream. Views read it; only its methods change it.
 */
export class StudioState {
  system = $state<SystemInfo | null>(null);
  systemError = $state<string | null>(null);
  datasets = $state<DatasetCard[]>([]);
  runs = $state<RunCard[]>([]);
  jobs = $state<JobInfo[]>([]);
  imports = $state<ImportActivity[]>([]);
  libraryError = $state<string | null>(null);
  /** Deleted this session and still in the trash: each can be undone from the library. */
  deleted = $state<TrashedItem[]>([]);
  /** Events of imports whose job id hasn't come back yet (the job can start reporting before the reply). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only; nothing renders it
  private early = new Map<string, StudioEvent[]>();

  constructor(readonly client: StudioClient) {
    client.subscribe((event) => this.onEvent(event));
    void this.loadSystem();
    void this.refresh();
  }

  async loadSystem(): Promise<void> {
    try {
      this.system = await this.client.call('system.info', null);
      this.systemError = null;
    } catch (error) {
      this.systemError = (error as Error).message;
    }
  }

  async refresh(): Promise<void> {
    try {
      const [datasets, runs, jobs] = await Promise.all([
        this.client.call('datasets.list', null),
        this.client.call('runs.list', null),
        this.client.call('jobs.list', null),
      ]);
      this.datasets = datasets;
      this.runs = runs;
      this.jobs = jobs;
      this.libraryError = null;
    } catch (error) {
      this.libraryError = (error as Error).message;
    }
  }

  /** Uploads (web mode) if needed, then imports; progress shows in `imports`. */
  async importFrom(prepared: PreparedImport, settings: Omit<ImportRequest, 'source'>): Promise<void> {
    await this.track(settings.title, false, [prepared], ([source]) =>
      this.client.call('datasets.import', { ...settings, source: source! }),
    );
  }

  /** The same for matched pairs: two folders (A and B), or one of side-by-side images. */
  async importPairsFrom(
    a: PreparedImport,
    b: PreparedImport | null,
    settings: Omit<ImportPairsRequest, 'a' | 'b'>,
  ): Promise<void> {
    await this.track(settings.title, true, b ? [a, b] : [a], ([sourceA, sourceB]) =>
      this.client.call('datasets.importPairs', {
        ...settings,
        a: sourceA!,
        ...(sourceB ? { b: sourceB } : {}),
      }),
    );
  }

  /** Gets each picked thing to the server (uploading in web mode), starts the import, and follows it. */
  private async track(
    title: string,
    pairs: boolean,
    picked: PreparedImport[],
    start: (sources: ImportSource[]) => Promise<{ jobId: string; name: string }>,
  ): Promise<void> {
    const activity: ImportActivity = {
      jobId: null,
      name: title,
      pairs,
      phase: 'uploading',
      done: 0,
      total: 0,
    };
    this.imports.push(activity);
    const live = this.imports.at(-1)!;
    try {
      const sources: ImportSource[] = [];
      for (const prepared of picked) {
        const source = await prepared.source((done, total) => Object.assign(live, { done, total }));
        if (!source) {
          this.imports.splice(this.imports.indexOf(live), 1);
          return;
        }
        sources.push(source);
      }
      const { jobId, name } = await start(sources);
      Object.assign(live, { jobId, name, phase: 'scanning', done: 0, total: 0 });
      for (const event of this.early.get(jobId) ?? []) this.onEvent(event);
      this.early.delete(jobId);
    } catch (error) {
      Object.assign(live, { phase: 'failed', error: (error as Error).message });
    }
  }

  /** Moves a dataset or run to the library's trash; a refusal (it is training, say) is thrown to the caller. */
  async deleteItem(kind: TrashKind, name: string): Promise<void> {
    const item = await this.client.call(kind === 'run' ? 'runs.delete' : 'datasets.delete', { name });
    this.deleted.push(item);
    await this.refresh();
  }

  /** Puts a deleted dataset or run back. */
  async undoDelete(item: TrashedItem): Promise<void> {
    await this.client.call('trash.restore', { id: item.id });
    this.dismissDeleted(item);
    await this.refresh();
  }

  /** Removes everything in the trash for good; nothing deleted can be undone after. */
  async emptyTrash(): Promise<void> {
    await this.client.call('trash.empty', null);
    this.deleted = [];
  }

  dismissDeleted(item: TrashedItem): void {
    this.deleted = this.deleted.filter((d) => d.id !== item.id);
  }

  dismissImport(activity: ImportActivity): void {
    this.imports = this.imports.filter((a) => a !== activity);
  }

  private onEvent(studioEvent: StudioEvent): void {
    const { jobId, kind, event } = studioEvent;
    if (kind === 'import' || kind === 'import-pairs') {
      const activity = this.imports.find((a) => a.jobId === jobId);
      if (!activity) {
        // Another window's import ends here too; don't keep its events forever.
        if (event.event === 'done' || event.event === 'error') this.early.delete(jobId);
        else this.early.set(jobId, [...(this.early.get(jobId) ?? []), studioEvent]);
        return;
      }
      if (event.event === 'progress' && 'phase' in event)
        Object.assign(activity, { phase: event.phase, done: event.done, total: event.total });
      if (event.event === 'error') Object.assign(activity, { phase: 'failed', error: event.message });
      if (event.event === 'done' && 'imported' in event) {
        const { imported, duplicates, skipped, skippedFiles, unpartnered, heldOut } = event;
        const result = { imported, duplicates, skipped, skippedFiles, unpartnered, heldOut };
        Object.assign(activity, { phase: 'done', result });
        void this.refresh();
      }
      return;
    }
    if (
      event.event === 'started' ||
      event.event === 'done' ||
      event.event === 'status' ||
      event.event === 'checkpoint'
    ) {
      void this.refresh();
    }
  }
}
