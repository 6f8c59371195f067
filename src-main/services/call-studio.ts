import { isStudioChannel, requestSchemas } from './request-schemas';
import type { StudioHandlers } from './studio-service';

export type CallReply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The one way a transport calls a service: the channel must exist and the payload match its schema; a failing
 * service becomes an error reply, never a throw into the transport.
 */
export async function callStudio(
  handlers: StudioHandlers,
  channel: unknown,
  payload: unknown,
): Promise<CallReply> {
  if (!isStudioChannel(channel)) return { ok: false, error: `unknown channel ${JSON.stringify(channel)}` };
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    );
    return { ok: false, error: `invalid request for ${channel}: ${problems.join('; ')}` };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
