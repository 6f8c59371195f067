import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { DesktopStudioApi, StudioEvent } from '../shared/studio-api';

/*
 * The one bridge between the sandboxed page and the main process: window.studio, a typed call() over one IPC
 * channel (validated on the other side), the job event stream, and two native dialogs. No Node.js or Electron
 * object crosses it. (Channel names are repeated here because a sandboxed preload can't import our modules.)
 */

type CallReply = { ok: true; value: unknown } | { ok: false; error: string };

const studio: DesktopStudioApi = {
  async call(channel, request) {
    const reply = (await ipcRenderer.invoke('studio:call', channel, request)) as CallReply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as never;
  },
  subscribe(listener) {
    const forward = (_event: unknown, studioEvent: StudioEvent) => listener(studioEvent);
    ipcRenderer.on('studio:event', forward);
    return () => ipcRenderer.off('studio:event', forward);
  },
  desktop: {
    pickFolders: () => ipcRenderer.invoke('studio:dialog', 'folders') as Promise<string[]>,
    pickExportFolder: () => ipcRenderer.invoke('studio:dialog', 'export-folder') as Promise<string | null>,
    pathForFile: (file) => webUtils.getPathForFile(file),
  },
};

contextBridge.exposeInMainWorld('studio', studio);
