import type {
  DesktopStudioApi,
  ImportSource,
  MediaPath,
  StudioApi,
  StudioEvent,
} from '../../src-main/shared/studio-api';
import { collectDroppedFiles, pickFolderInBrowser, type UploadFile, uploadFiles } from './web-uploads';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser. */
    studio?: DesktopStudioApi;
  }
}

export type UploadProgress = (done: number, total: number) => void;

/** Something picked or dropped, not yet imported: a suggested title, and how to hand it to the importer. */
export interface PreparedImport {
  title: string;
  /** Paths (desktop) or, in web mode, the files uploaded first, with progress. */
  source(onUpload?: UploadProgress): Promise<ImportSource | null>;
}

/**
 * What views use to reach the studio: the Studio API plus the few things that differ by host (how pictures
 * load, how files get to the importer, where exports go). Views never check which host they are on.
 */
export interface StudioClient extends StudioApi {
  readonly host: 'desktop' | 'web';
  mediaUrl(media: MediaPath): string;
  /** Folders or images dropped on the window (call it during the drop event); null if nothing was dropped. */
  prepareDrop(data: DataTransfer): PreparedImport | null;
  /** "Import folder…": the native dialog, or the browser's folder picker. Null if cancelled. */
  pickImport(): Promise<PreparedImport | null>;
  /** Where exports go: a folder the user picks (desktop; null if cancelled), or downloads (web: undefined). */
  pickExportFolder(): Promise<string | null | undefined>;
}

export function connectStudio(): StudioClient {
  return window.studio ? desktopClient(window.studio) : webClient(takeToken());
}

function desktopClient(bridge: DesktopStudioApi): StudioClient {
  return {
    host: 'desktop',
    call: (channel, request) => bridge.call(channel, request),
    subscribe: (listener) => bridge.subscribe(listener),
    mediaUrl: (media) => `studio-media://library/${media.split('/').map(encodeURIComponent).join('/')}`,
    prepareDrop(data) {
      const paths = [...data.files]
        .map((file) => bridge.desktop.pathForFile(file))
        .filter((path) => path !== '');
      return preparePaths(paths);
    },
    async pickImport() {
      return preparePaths(await bridge.desktop.pickFolders());
    },
    pickExportFolder: () => bridge.desktop.pickExportFolder(),
  };
}

function webClient(token: string): StudioClient {
  const auth = { authorization: `Bearer ${token}` };
  const listeners = new Set<(event: StudioEvent) => void>();
  openEventStream(token, (event) => listeners.forEach((listener) => listener(event)));
  const prepareUpload = (title: string, files: Promise<UploadFile[]>): PreparedImport => ({
    title,
    async source(onUpload) {
      const all = await files;
      return all.length === 0 ? null : { kind: 'upload', uploadId: await uploadFiles(all, auth, onUpload) };
    },
  });
  return {
    host: 'web',
    async call(channel, request) {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(request),
      });
      const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: string };
      if (!reply.ok) throw new Error(reply.error ?? `request failed (${response.status})`);
      return reply.value as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    mediaUrl: (media) => `/media/${media.split('/').map(encodeURIComponent).join('/')}?token=${token}`,
    prepareDrop(data) {
      const names = [...data.files].map((file) => file.name);
      return names.length === 0 ? null : prepareUpload(titleFrom(names), collectDroppedFiles(data));
    },
    async pickImport() {
      const files = await pickFolderInBrowser();
      const top = files.map((f) => f.path.split('/')[0] ?? f.path);
      return files.length === 0 ? null : prepareUpload(titleFrom([...new Set(top)]), Promise.resolve(files));
    },
    pickExportFolder: async () => undefined,
  };
}

function preparePaths(paths: string[]): PreparedImport | null {
  if (paths.length === 0) return null;
  return {
    title: titleFrom(paths.map((p) => p.split(/[\\/]/).filter(Boolean).at(-1) ?? p)),
    source: async () => ({ kind: 'paths', paths }),
  };
}

/** A dataset title from what was picked: the folder's name, or the first one's and a count. */
function titleFrom(names: string[]): string {
  const first = (names[0] ?? 'images').replace(/\.[^.]+$/, '');
  return names.length === 1 ? first : `${first} and ${names.length - 1} more`;
}

/** The access token arrives in the URL once; keep it for this tab and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('gan-studio-token', fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url);
  }
  return fromUrl ?? sessionStorage.getItem('gan-studio-token') ?? '';
}

/** Job events over a WebSocket that reconnects after the server or network blinks. */
function openEventStream(token: string, onEvent: (event: StudioEvent) => void): void {
  const connect = (delay: number) => {
    const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/events?token=${token}`);
    socket.onmessage = (message) => onEvent(JSON.parse(message.data as string) as StudioEvent);
    socket.onopen = () => (delay = 500);
    socket.onclose = () => setTimeout(() => connect(Math.min(delay * 2, 10_000)), delay);
  };
  connect(500);
}
