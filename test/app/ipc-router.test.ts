import { describe, expect, it } from 'vitest';
import { handleStudioCall, routeStudioCalls, STUDIO_IPC_CHANNEL } from '../../src-main/app/ipc-router';
import type { StudioHandlers } from '../../src-main/services/studio-service';

/*
 * Electron itself can't run here; the router is tested through the same function Electron's ipcMain.handle
 * calls, with a stand-in ipcMain that records the registration (the one mock: Electron's edge).
 */

// Only the channels these tests call; the router must never reach the others.
const handlers = {
  'system.info': async () => {
    throw new Error('engine unavailable');
  },
  'datasets.list': async () => [],
  'runs.list': async () => [],
} as Partial<StudioHandlers> as StudioHandlers;

describe('IPC router', () => {
  it('answers a valid call from the studio window', async () => {
    expect(await handleStudioCall(handlers, true, 'datasets.list', null)).toEqual({ ok: true, value: [] });
  });

  it('refuses calls from any other sender', async () => {
    expect(await handleStudioCall(handlers, false, 'datasets.list', null)).toEqual({
      ok: false,
      error: 'refused: the call did not come from the studio window',
    });
  });

  it('refuses unknown channels, including prototype names', async () => {
    for (const channel of ['datasets.drop', '__proto__', 'constructor', 42, null]) {
      const reply = await handleStudioCall(handlers, true, channel, null);
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/unknown channel/) });
    }
  });

  it('refuses payloads that do not match the schema', async () => {
    const reply = await handleStudioCall(handlers, true, 'runs.list', { evil: true });
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid request for runs.list/),
    });
    const badName = await handleStudioCall(handlers, true, 'runs.get', { name: '../../etc' });
    expect(badName).toMatchObject({ ok: false, error: expect.stringMatching(/name: not a valid name/) });
    const extra = await handleStudioCall(handlers, true, 'runs.stop', { name: 'a', also: 1 });
    expect(extra).toMatchObject({ ok: false, error: expect.stringMatching(/also/) });
  });

  it('turns a failing service into an error reply instead of a throw', async () => {
    expect(await handleStudioCall(handlers, true, 'system.info', null)).toEqual({
      ok: false,
      error: 'engine unavailable',
    });
  });

  it('registers one channel and checks the sender of each call', async () => {
    const registered = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: (...args: unknown[]) => Promise<unknown>) =>
        void registered.set(channel, listener),
    };
    const trusted = { senderFrame: 'main' };
    routeStudioCalls(
      ipcMain as never,
      handlers,
      (event) => (event as unknown as typeof trusted).senderFrame === 'main',
    );
    expect([...registered.keys()]).toEqual([STUDIO_IPC_CHANNEL]);
    const listener = registered.get(STUDIO_IPC_CHANNEL)!;
    expect(await listener(trusted, 'runs.list', null)).toEqual({ ok: true, value: [] });
    expect(await listener({ senderFrame: 'iframe' }, 'runs.list', null)).toMatchObject({ ok: false });
  });
});
