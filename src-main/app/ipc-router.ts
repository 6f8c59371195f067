import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isStudioChannel, requestSchemas } from '../services/request-schemas';
import type { StudioHandlers } from '../services/studio-service';

/** The one IPC channel the preload uses; the Studio API channel travels inside it. */
export const STUDIO_IPC_CHANNEL = 'studio:call';

export type CallReply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Routes every renderer call through one gate: the sender must be our own window's top frame, the channel
 * must exist, and the payload must match its schema. Anything else gets an error reply; nothing throws into
 * Electron's IPC machinery.
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
  if (!isStudioChannel(channel)) return { ok: false, error: `unknown channel ${JSON.stringify(channel)}` };
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: `invalid request for ${channel}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
