import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeEngineWorker } from '../jobs/node-worker';
import { resolveLibraryHome } from '../library/library-home';
import { DatasetImages } from '../services/dataset-images';
import { createStudioServices } from '../services/studio-service';
import { createWebServer } from './web-server';

/*
 * `npm run serve`: the studio in a browser, for headless and remote machines and for testing the UI. Listens
 * on 127.0.0.1 by default, with a random access token in the printed URL.
 */

const { values } = parseArgs({
  options: {
    home: { type: 'string' },
    port: { type: 'string', default: '5178' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`gan-studio serve: --port must be a number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
const staticRoot = fileURLToPath(new URL('../../out/renderer', import.meta.url));
if (!existsSync(`${staticRoot}/index.html`)) {
  console.error(
    'gan-studio serve: the renderer is not built; run `npm run serve` (it builds first) or `npm run build`',
  );
  process.exit(1);
}

const home = resolveLibraryHome(values.home);
const token = values.token ?? process.env.GAN_STUDIO_TOKEN ?? randomBytes(24).toString('hex');
const services = createStudioServices({
  home,
  host: 'web',
  appVersion: process.env.npm_package_version ?? 'dev',
  versions: { node: process.versions.node },
  createWorker: createNodeEngineWorker,
});
const datasetImages = new DatasetImages(home);
const server = createWebServer({
  home,
  services,
  datasetImages,
  staticRoot,
  guard: { token, host: values.host! },
});

server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`GAN Studio is serving the library at ${home}`);
  console.log(`Open http://${values.host}:${actualPort}/?token=${token}`);
  void services.continueRunsStoppedAtShutdown().then((runs) => {
    if (runs.length > 0) console.log(`Continuing what stopping the server interrupted: ${runs.join(', ')}`);
  });
  if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
    console.log('Warning: listening beyond this machine; anyone with the token can use the studio.');
  }
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) process.exit(130);
  stopping = true;
  console.log('Stopping: running trainings write a checkpoint first (Ctrl-C again to quit now)');
  await services.shutdown();
  datasetImages.close();
  server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
