import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import { callStudio } from '../services/call-studio';
import type { DatasetImages } from '../services/dataset-images';
import { resolveMedia } from '../services/media';
import type { StudioServices } from '../services/studio-service';
import { createUpload, saveUploadedFile } from '../services/uploads';
import { type Guard, refusal } from './request-guard';
import { serveStatic } from './static-files';

export interface WebServerOptions {
  home: string;
  services: StudioServices;
  datasetImages: DatasetImages;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  guard: Guard;
}

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Web mode: the studio page, the Studio API (POST /api/<channel>), media (GET /media/<path>), folder uploads
 * (POST /upload, PUT /upload/<id>/<path>) and the event stream (WebSocket /events). Everything but the page
 * itself passes the request guard.
 */
export function createWebServer(options: WebServerOptions): Server {
  const { home, services, guard } = options;
  const server = createServer((request, response) => {
    void route(request, response).catch((error: Error) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: error.message });
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, area, ...rest] = url.pathname.split('/');
    if (!['api', 'media', 'upload', 'events'].includes(area ?? '')) {
      if (request.method !== 'GET')
        return sendJson(response, 405, { ok: false, error: 'method not allowed' });
      return serveStatic(options.staticRoot, url.pathname, response);
    }
    const refused = refusal(request, guard, listeningPort(server), url);
    if (refused) return sendJson(response, 403, { ok: false, error: refused });

    if (area === 'api' && request.method === 'POST') {
      const payload = await readJson(request);
      return sendJson(response, 200, await callStudio(services.handlers, rest.join('/'), payload));
    }
    if (area === 'media' && request.method === 'GET') return serveMedia(options, rest.join('/'), response);
    if (area === 'upload' && request.method === 'POST' && rest.length === 0) {
      return sendJson(response, 200, { ok: true, value: { uploadId: createUpload(home) } });
    }
    if (area === 'upload' && request.method === 'PUT' && rest.length >= 2) {
      const [id, ...path] = rest;
      await saveUploadedFile(home, id!, path.map(decodeURIComponent).join('/'), request);
      return sendJson(response, 200, { ok: true, value: null });
    }
    sendJson(response, 404, { ok: false, error: 'not found' });
  }

  const events = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/events' || refusal(request, guard, listeningPort(server), url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    events.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = services.jobs.subscribe((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
    });
  });
  server.on('close', () => events.close());
  return server;
}

function listeningPort(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function serveMedia(
  options: WebServerOptions,
  encodedPath: string,
  response: ServerResponse,
): Promise<void> {
  let media: string;
  try {
    media = decodeURIComponent(encodedPath);
  } catch {
    return sendJson(response, 404, { ok: false, error: 'not found' });
  }
  const target = resolveMedia(options.home, media);
  if (!target) return sendJson(response, 404, { ok: false, error: 'not found' });
  const headers = { 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=3600' };
  if (target.kind === 'dataset-image') {
    const png = await options.datasetImages.png(target.dataset, target.index, target.side);
    if (!png) return sendJson(response, 404, { ok: false, error: 'not found' });
    response.writeHead(200, { ...headers, 'content-type': 'image/png' });
    response.end(png);
    return;
  }
  response.writeHead(200, { ...headers, 'content-type': target.contentType });
  createReadStream(target.path).pipe(response);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_JSON_BYTES) throw new Error('request body too large');
  }
  try {
    return body === '' ? null : JSON.parse(body);
  } catch {
    throw new Error('request body is not JSON');
  }
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(value));
}
