import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/*
 * Web mode listens on loopback, but any web page the user visits can still send requests to 127.0.0.1. So
 * every request that reads or changes the library must carry the access token (a random value printed with
 * the URL, as Jupyter does), come from our own origin if it names one, and name our host (which defeats DNS
 * rebinding, where a hostile name resolves to 127.0.0.1).
 */

export interface Guard {
  token: string;
  /** The address the server listens on, e.g. 127.0.0.1. */
  host: string;
}

/** The origins our page can be served from. */
export function allowedOrigins(host: string, port: number): string[] {
  const hosts = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  return [...hosts].map((h) => `http://${h}:${port}`);
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Null when the request may proceed, else why not (for a 403). */
export function refusal(request: IncomingMessage, guard: Guard, port: number, url: URL): string | null {
  const origins = allowedOrigins(guard.host, port);
  const host = request.headers.host;
  if (!host || !origins.includes(`http://${host}`)) return 'unexpected Host header';
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.includes(origin)) return 'cross-origin requests are refused';
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!tokenMatches(guard.token, bearer ?? url.searchParams.get('token')))
    return 'missing or wrong access token';
  return null;
}
