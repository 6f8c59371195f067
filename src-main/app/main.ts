import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import type { WorkerFactory } from '../jobs/job-host';
import { createStudioHandlers } from '../services/studio-service';
import { routeStudioCalls } from './ipc-router';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './main-window';
import { guardNavigation } from './navigation-guard';

/*
 * The desktop app's main process: one window, the IPC router, and the engine worker(s). Training never runs on
 * this thread; electron-vite builds the worker (src-main/jobs/engine-worker.ts) next to this file.
 */

const here = dirname(fileURLToPath(import.meta.url));
const createWorker: WorkerFactory = () => new Worker(join(here, 'engine-worker.js'));

let mainWindow: BrowserWindow | undefined;

function appUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(here, '../renderer/index.html')}`;
}

async function openMainWindow(): Promise<void> {
  mainWindow = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  guardNavigation(mainWindow.webContents, appUrl(), (url) => void shell.openExternal(url));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = undefined));
  await mainWindow.loadURL(appUrl());
}

void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));

  const handlers = createStudioHandlers({
    home: process.env.GAN_STUDIO_HOME ?? app.getPath('userData'),
    host: 'desktop',
    appVersion: app.getVersion(),
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
    createWorker,
  });
  routeStudioCalls(ipcMain, handlers, (event) => event.senderFrame === mainWindow?.webContents.mainFrame);
  await openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
