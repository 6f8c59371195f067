import { contextBridge, ipcRenderer } from 'electron';
import type { StudioApi } from '../shared/studio-api';

/*
 * The one bridge between the sandboxed page and the main process: window.studio, a single typed call()
 * over one IPC channel (validated on the other side). No Node.js or Electron object crosses it.
 */

const STUDIO_IPC_CHANNEL = 'studio:call';

type CallReply = { ok: true; value: unknown } | { ok: false; error: string };

const studio: StudioApi = {
  async call(channel, request) {
    const reply = (await ipcRenderer.invoke(STUDIO_IPC_CHANNEL, channel, request)) as CallReply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as never;
  },
};

contextBridge.exposeInMainWorld('studio', studio);
