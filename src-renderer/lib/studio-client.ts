import type { StudioApi } from '../../src-main/shared/studio-api';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser. */
    studio?: StudioApi;
  }
}

/** The Studio API for this page: Electron's bridge in the desktop app, HTTP in web mode. */
export function connectStudio(): StudioApi {
  return window.studio ?? httpStudio(new URLSearchParams(location.search).get('token') ?? '');
}

function httpStudio(token: string): StudioApi {
  return {
    async call(channel, request) {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request),
      });
      const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: string };
      if (!reply.ok) throw new Error(reply.error ?? `request failed (${response.status})`);
      return reply.value as never;
    },
  };
}
