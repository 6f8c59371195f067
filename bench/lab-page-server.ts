import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../src-main/app/main-window';

/**
 * Builds bench/lab-page (the Lab view alone) with Vite into a temporary folder and serves it on 127.0.0.1
 * with the desktop app's Content-Security-Policy, so what is measured is the production bundle under the
 * same rules as in the app.
 */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface LabPage {
  url: string;
  close(): Promise<void>;
}

/** `minify: false` keeps function names, for reading a CPU profile of the page. */
export async function serveLabPage({ minify = true } = {}): Promise<LabPage> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'gan-lab-page-'));
  await build({
    root: path.join(REPO_ROOT, 'bench/lab-page'),
    configFile: false,
    logLevel: 'warn',
    base: './',
    plugins: [svelte({ configFile: path.join(REPO_ROOT, 'svelte.config.js') })],
    // The Lab's TensorFlow.js chunk is large by design: it loads only when someone picks that engine.
    build: { outDir, emptyOutDir: true, minify, chunkSizeWarningLimit: 2000 },
  });
  const server = createServer((request, response) => {
    const relative = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(outDir, relative || 'index.html');
    if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await closeServer(server);
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
