/**
 * The Studio API: one contract between the renderer and the main-side services, carried by Electron IPC in
 * the desktop app and by HTTP + WebSocket in web mode. Views call it without knowing which transport is
 * underneath; services answer it without knowing who asked. Types only: it is shared with the renderer.
 */
import type { DatasetSize, DatasetSummary, SquareFit } from './dataset';
import type { BackendReport, EvalEvent, JobEvent } from './job-events';
import type { MetricsRecord, RunMeta } from './run';
import type { TrashedItem } from './trash';

export interface SystemInfo {
  appVersion: string;
  libraryHome: string;
  /** Which host serves the API: the desktop app, or the web server (`npm run serve`). */
  host: 'desktop' | 'web';
  versions: Record<string, string>;
  /** The engine's backend, as a worker found it. */
  backend: BackendReport;
  /** The engine's training defaults and presets, so the UI never hard-codes them. */
  training: TrainingOptions;
}

export type ModelId = 'dcgan' | 'pix2pix' | 'cyclegan';

export interface TrainingPreset {
  id: 'quick' | 'standard' | 'detailed';
  title: string;
  description: string;
  imageSize: 32 | 64 | 128 | 256;
  steps: number;
  batchSize: number;
}

/** The settings the Advanced panel shows, with the engine's defaults; DCGAN alone has augment and emaDecay. */
export interface AdvancedSettings {
  steps: number;
  batchSize: number;
  learningRateG: number;
  learningRateD: number;
  augment?: boolean;
  emaDecay?: number;
  seed?: number;
}

/** A model the app can train, with what it trains on, its presets and its Advanced defaults. */
export interface ModelChoice {
  id: ModelId;
  title: string;
  description: string;
  /** images: one folder; paired: a paired dataset; paired-or-unpaired: a paired dataset or two plain ones. */
  trainsOn: 'images' | 'paired' | 'paired-or-unpaired';
  presets: TrainingPreset[];
  defaults: AdvancedSettings;
}

export interface TrainingOptions {
  models: ModelChoice[];
}

/** Where import gets its files: paths on this machine (desktop), or a folder uploaded from a browser. */
export type ImportSource = { kind: 'paths'; paths: string[] } | { kind: 'upload'; uploadId: string };

export interface ImportRequest {
  /** Free-form; made into a safe, unique dataset name. */
  title: string;
  size: DatasetSize;
  fit: SquareFit;
  source: ImportSource;
}

/** A dataset as the library shows it: its summary and a few of its images. */
export interface DatasetCard extends DatasetSummary {
  thumbnails: MediaPath[];
}

/** A run as the library shows it: its meta and its newest preview grid. */
export interface RunCard extends RunMeta {
  latestPreview: MediaPath | null;
}

export interface DatasetDetails {
  summary: DatasetSummary;
  fit: SquareFit;
  sourceFolder: string;
  /** Per image (per pair: its A side): source path, class label index (null = none) and thumbnail. */
  items: { source: string; label: number | null; media: MediaPath }[];
  skippedFiles: { path: string; reason: string }[];
  /** Paired datasets: side B of each pair (index-aligned with items), files without a partner, held-out count. */
  pairs: {
    itemsB: { source: string; media: MediaPath }[];
    unpartnered: { path: string; reason: string }[];
    heldOut: number;
  } | null;
}

export interface ImportPairsRequest {
  title: string;
  size: 64 | 128 | 256;
  fit: SquareFit;
  /** Two folders whose files match by name (A = day, B = night), or one folder of side-by-side A|B images. */
  layout: 'two-folders' | 'side-by-side';
  a: ImportSource;
  /** Side B's folder, for two folders. */
  b?: ImportSource;
}

export type Direction = 'a2b' | 'b2a';

export interface TranslateRequest {
  run: string;
  /** A photo, several, or a folder of them. */
  source: ImportSource;
  direction: Direction;
}

export interface TranslatedPhoto {
  /** Where the photo came from, relative to what was picked. */
  name: string;
  before: MediaPath;
  after: MediaPath;
}

/** What the dashboard and the Translate view know about a translation run. */
export interface TranslationInfo {
  directions: Direction[];
  /** Scores on held-out pairs at each preview (and each "Evaluate"), oldest first. */
  evaluations: EvalEvent[];
}

export interface StartRunRequest {
  model: ModelId;
  dataset: string;
  /** CycleGAN on two unmatched datasets: the second (B) side. */
  datasetB?: string;
  /** Free-form; made into a safe, unique run name. */
  title: string;
  preset: TrainingPreset['id'];
  /** Overrides of the preset from the Advanced panel. */
  advanced?: Partial<AdvancedSettings>;
}

/**
 * A picture the page can show: a path the host's media route serves (the desktop's studio-media: protocol or
 * the web server's /media/). The renderer's client turns it into a URL.
 */
export type MediaPath = string;

export interface PreviewFrame {
  step: number;
  media: MediaPath;
}

export interface RunDetails {
  meta: RunMeta;
  metrics: MetricsRecord[];
  previews: PreviewFrame[];
  /** The active job training this run, if any. */
  jobId: string | null;
  imageSize: number;
  /** For pix2pix and CycleGAN runs. */
  translation: TranslationInfo | null;
}

export interface SampleRequest {
  run: string;
  seeds: number[];
  truncation: number;
}

export interface GalleryImage {
  seed: number;
  media: MediaPath;
}

export interface InterpolateRequest {
  run: string;
  from: number;
  to: number;
  frames: number;
  truncation: number;
}

export type ExportKind = 'pngs' | 'grid' | 'gif' | 'webp';

export interface ExportRequest {
  run: string;
  kind: ExportKind;
  /** For pngs and grid: the seeds; for gif/webp: the two ends of the loop. */
  seeds: number[];
  truncation: number;
  upscale: number;
  /** Desktop: a folder the user picked; web: omitted, and the files come back as downloads. */
  folder?: string;
}

export interface ExportResult {
  /** Where each file was written; web mode downloads it through `media`. */
  files: { name: string; path: string; media: MediaPath | null }[];
}

export interface JobInfo {
  id: string;
  kind: 'import' | 'import-pairs' | 'train' | 'translate' | 'eval' | 'export-model';
  /** The dataset being imported or the run being trained. */
  target: string;
  status: 'running' | 'paused' | 'stopping';
  /** The newest progress event, so a view that opens late shows the same state. */
  lastProgress: JobEvent | null;
}

/** Every call: its request and response types, by channel name. */
export interface StudioCalls {
  'system.info': { request: null; response: SystemInfo };
  'datasets.list': { request: null; response: DatasetCard[] };
  'datasets.get': { request: { name: string }; response: DatasetDetails };
  'datasets.import': { request: ImportRequest; response: { jobId: string; name: string } };
  'datasets.importPairs': { request: ImportPairsRequest; response: { jobId: string; name: string } };
  'runs.list': { request: null; response: RunCard[] };
  'runs.get': { request: { name: string }; response: RunDetails };
  'runs.start': { request: StartRunRequest; response: { jobId: string; name: string } };
  'runs.resume': { request: { name: string; totalSteps?: number }; response: { jobId: string } };
  'runs.pause': { request: { name: string }; response: null };
  'runs.unpause': { request: { name: string }; response: null };
  'runs.stop': { request: { name: string }; response: null };
  'runs.evaluate': { request: { name: string }; response: EvalEvent };
  'jobs.list': { request: null; response: JobInfo[] };
  'translate.start': { request: TranslateRequest; response: { jobId: string } };
  /** Every photo translated with a run so far, newest batch first. */
  'translate.list': { request: { run: string }; response: TranslatedPhoto[] };
  'translate.export': { request: { files: MediaPath[]; folder?: string }; response: ExportResult };
  'gallery.sample': { request: SampleRequest; response: GalleryImage[] };
  'gallery.interpolate': { request: InterpolateRequest; response: { frames: MediaPath[] } };
  'gallery.favourites': { request: { run: string }; response: number[] };
  'gallery.setFavourite': { request: { run: string; seed: number; favourite: boolean }; response: number[] };
  'gallery.export': { request: ExportRequest; response: ExportResult };
  /**
   * A DCGAN run's generator as a TensorFlow.js model (model.json, weights.bin, README.md) in a folder of its own
   * inside `folder` (web mode: inside the library's exports, downloadable as media).
   */
  'runs.exportModel': { request: { name: string; folder?: string }; response: ExportResult };
  /** Moves a dataset to the library's trash; `usedBy` names the runs made from it. */
  'datasets.delete': { request: { name: string }; response: TrashedItem & { usedBy: string[] } };
  /** Moves a run to the library's trash (refused while it trains). */
  'runs.delete': { request: { name: string }; response: TrashedItem };
  /** Undoes a delete: puts the dataset or run back under its name. */
  'trash.restore': { request: { id: string }; response: TrashedItem };
  /** What the trash holds, newest first. */
  'trash.list': { request: null; response: TrashedItem[] };
  /** Removes everything in the trash for good. */
  'trash.empty': { request: null; response: { removed: number } };
}

export type StudioChannel = keyof StudioCalls;
export type StudioRequest<C extends StudioChannel> = StudioCalls[C]['request'];
export type StudioResponse<C extends StudioChannel> = StudioCalls[C]['response'];

/** A job event, with the job it came from. */
export interface StudioEvent {
  jobId: string;
  kind: JobInfo['kind'];
  target: string;
  event: JobEvent;
}

/** What the renderer sees as `window.studio` (desktop) or gets from the web client. */
export interface StudioApi {
  call<C extends StudioChannel>(channel: C, request: StudioRequest<C>): Promise<StudioResponse<C>>;
  /** Every job event from now on; returns the unsubscribe. */
  subscribe(listener: (event: StudioEvent) => void): () => void;
}

/** What only the desktop app's preload adds to window.studio: native dialogs and dropped files' paths. */
export interface DesktopBridge {
  /** The native "choose folders" dialog; [] if cancelled. */
  pickFolders(): Promise<string[]>;
  /** The native "choose a folder to export into" dialog; null if cancelled. */
  pickExportFolder(): Promise<string | null>;
  /** The path on disk of a file or folder dropped on the window. */
  pathForFile(file: File): string;
}

export type DesktopStudioApi = StudioApi & { desktop: DesktopBridge };
