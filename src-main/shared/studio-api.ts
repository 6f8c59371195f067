/**
 * The Studio API: one contract between the renderer and the main-side services, carried by Electron IPC in
 * the desktop app and by HTTP + WebSocket in web mode. Views call it without knowing which transport is
 * underneath; services answer it without knowing who asked. Types only: it is shared with the renderer.
 */
import type { DatasetSummary } from './dataset';
import type { BackendReport } from './job-events';
import type { RunMeta } from './run';

export interface SystemInfo {
  appVersion: string;
  libraryHome: string;
  /** Which host serves the API. */
  host: 'desktop' | 'web';
  versions: Record<string, string>;
  /** The engine's backend, as a worker found it. */
  backend: BackendReport;
}

/** Every call: its request and response types, by channel name. */
export interface StudioCalls {
  'system.info': { request: null; response: SystemInfo };
  'datasets.list': { request: null; response: DatasetSummary[] };
  'runs.list': { request: null; response: RunMeta[] };
}

export type StudioChannel = keyof StudioCalls;
export type StudioRequest<C extends StudioChannel> = StudioCalls[C]['request'];
export type StudioResponse<C extends StudioChannel> = StudioCalls[C]['response'];

/** What the renderer sees as `window.studio` (desktop) or gets from the web client. */
export interface StudioApi {
  call<C extends StudioChannel>(channel: C, request: StudioRequest<C>): Promise<StudioResponse<C>>;
}
