import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { callStudio, type CallReply } from '../services/call-studio';
import type { StudioHandlers } from '../services/studio-service';

/** The one IPC channel the preload calls the Studio API on; the API channel travels inside it. */
export const STUDIO_IPC_CHANNEL = 'studio:call';

/**
 * Routes every renderer call through one gate: the sender must be our own window's top frame, then the
 * shared checks of callStudio (known channel, payload matching its schema). Nothing throws into Electron.
 */
export function routeStudioCalls(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: StudioHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(STUDIO_IPC_CHANNEL, async (event, channel: unknown, payload: unknown) =>
    handleStudioCall(handlers, isTrustedSender(event), channel, payload),
  );
}

export async function handleStudioCall(
  handlers: StudioHandlers,
  trusted: boolean,
  channel: unknown,
  payload: unknown,
): Promise<CallReply> {
  if (!trusted) return { ok: false, error: 'refused: the call did not come from the studio window' };
  return callStudio(handlers, channel, payload);
}
