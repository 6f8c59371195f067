import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createNodeEngineWorker } from '../../src-main/jobs/node-worker';
import { createWebServer } from '../../src-main/server/web-server';
import { DatasetImages } from '../../src-main/services/dataset-images';
import { createStudioServices, type StudioServices } from '../../src-main/services/studio-service';
import { tempFolder } from '../fixtures/temp-folders';

const TOKEN = 'a'.repeat(48);
const home = tempFolder('web');
const staticRoot = tempFolder('static');
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>GAN Studio</title>');
mkdirSync(join(home, 'runs', 'r', 'previews'), { recursive: true });
writeFileSync(join(home, 'runs', 'r', 'previews', 'step-000000010.png'), 'PNGDATA');

let server: Server;
let services: StudioServices;
let port: number;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can set Host and Origin the way a hostile page or rebinding attack would. */
function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('web mode server', () => {
  beforeAll(async () => {
    services = createStudioServices({
      home,
      host: 'web',
      appVersion: 'test',
      versions: {},
      createWorker: createNodeEngineWorker,
    });
    server = createWebServer({
      home,
      services,
      datasetImages: new DatasetImages(home),
      staticRoot,
      guard: { token: TOKEN, host: '127.0.0.1' },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await services.shutdown();
    server.close();
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('GAN Studio');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send('GET', '/gallery/some/route')).body).toContain('GAN Studio');
  });

  it('answers API calls that carry the token, as a header or a query parameter', async () => {
    const viaHeader = await send('POST', '/api/datasets.list', { headers: auth, body: 'null' });
    expect(JSON.parse(viaHeader.body)).toEqual({ ok: true, value: [] });
    const viaQuery = await send('POST', `/api/runs.list?token=${TOKEN}`, { body: 'null' });
    expect(JSON.parse(viaQuery.body)).toMatchObject({ ok: true });
  });

  it('refuses requests without the token, with a wrong one, from another origin, or for another host', async () => {
    expect((await send('POST', '/api/datasets.list', { body: 'null' })).status).toBe(403);
    expect(
      (await send('POST', '/api/datasets.list', { headers: { authorization: 'Bearer nope' }, body: 'null' }))
        .status,
    ).toBe(403);
    const crossOrigin = await send('POST', '/api/datasets.list', {
      headers: { ...auth, origin: 'http://evil.example' },
      body: 'null',
    });
    expect(crossOrigin.status).toBe(403);
    expect(JSON.parse(crossOrigin.body).error).toMatch(/cross-origin/);
    const rebound = await send('POST', '/api/datasets.list', {
      headers: { ...auth, host: `evil.example:${port}` },
      body: 'null',
    });
    expect(rebound.status).toBe(403);
    const sameOrigin = await send('POST', '/api/datasets.list', {
      headers: { ...auth, origin: `http://127.0.0.1:${port}` },
      body: 'null',
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('validates payloads and names the bad field', async () => {
    const reply = await send('POST', '/api/runs.get', {
      headers: auth,
      body: JSON.stringify({ name: '../x' }),
    });
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/runs.get: name/),
    });
    const notJson = await send('POST', '/api/runs.get', { headers: auth, body: '{' });
    expect(notJson.status).toBe(500);
    expect(JSON.parse(notJson.body).error).toMatch(/not JSON/);
  });

  it('serves allowed media and nothing else', async () => {
    const preview = await send('GET', `/media/runs/r/previews/step-000000010.png?token=${TOKEN}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.body).toBe('PNGDATA');
    // Dot segments are resolved by URL parsing before routing, so they can only land on the app page.
    for (const path of ['/media/../../etc/passwd', '/media/runs/r/../../../etc/hostname']) {
      const reply = await send('GET', `${path}?token=${TOKEN}`);
      expect(reply.body).toContain('<title>GAN Studio</title>');
    }
    // Encoded separators survive URL parsing and reach the media check, which refuses them.
    for (const path of [
      '/media/runs%2Fr%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/%2e%2e%2fsecret',
      '/media/runs/r/meta.json',
    ]) {
      expect((await send('GET', `${path}?token=${TOKEN}`)).status).toBe(404);
    }
    expect((await send('GET', '/media/runs/r/previews/step-000000010.png')).status).toBe(403);
  });

  it('takes uploads into a fresh folder and refuses paths that climb out', async () => {
    const created = JSON.parse((await send('POST', '/upload', { headers: auth })).body) as {
      value: { uploadId: string };
    };
    const id = created.value.uploadId;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(
      (await send('PUT', `/upload/${id}/cats/tabby/1.jpg`, { headers: auth, body: 'jpeg' })).status,
    ).toBe(200);
    expect(readFileSync(join(home, 'uploads', id, 'cats', 'tabby', '1.jpg'), 'utf8')).toBe('jpeg');
    const climbing = await send('PUT', `/upload/${id}/cats%2F..%2F..%2Fescape.jpg`, {
      headers: auth,
      body: 'x',
    });
    expect(climbing.status).toBe(500);
    expect(JSON.parse(climbing.body).error).toMatch(/invalid file path/);
    expect(readdirSync(join(home, 'uploads'))).toEqual([id]);
    expect((await send('PUT', `/upload/not-an-id/x.jpg`, { headers: auth, body: 'x' })).status).toBe(500);
  });

  it('streams job events over a WebSocket only with the token', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${port}/events`);
    const refusedResult = await new Promise<string>((resolve) => {
      refused.on('open', () => resolve('open'));
      refused.on('error', () => resolve('refused'));
    });
    expect(refusedResult).toBe('refused');
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    socket.close();
  });
});
