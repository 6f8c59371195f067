import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { WorkerFactory } from '../jobs/job-host';
import { DatasetImages } from '../services/dataset-images';
import { createStudioServices } from '../services/studio-service';
import { routeStudioCalls } from './ipc-router';
import { answerMediaRequest, MEDIA_SCHEME } from './media-protocol';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './main-window';
import { guardNavigation } from './navigation-guard';

/*
 * The desktop app's main process: one window, the IPC router, the media protocol, and the engine workers.
 * Training never runs on this thread; electron-vite builds the worker (src-main/jobs/engine-worker.ts) next
 * to this file.
 */

const here = dirname(fileURLToPath(import.meta.url));
const createWorker: WorkerFactory = () => new Worker(join(here, 'engine-worker.js'));

protocol.registerSchemesAsPrivileged([
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true } },
]);

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
  // The page may write to the clipboard (the Lab's "copy snippet"); every other permission is refused.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant) =>
    grant(permission === 'clipboard-sanitized-write'),
  );

  const home = process.env.GAN_STUDIO_HOME ?? app.getPath('userData');
  const services = createStudioServices({
    home,
    host: 'desktop',
    appVersion: app.getVersion(),
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
    createWorker,
  });
  const datasetImages = new DatasetImages(home);
  protocol.handle(MEDIA_SCHEME, (request) => answerMediaRequest(home, datasetImages, request.url));

  const fromStudioWindow = (event: Electron.IpcMainInvokeEvent) =>
    mainWindow !== undefined && event.senderFrame === mainWindow.webContents.mainFrame;
  routeStudioCalls(ipcMain, services.handlers, fromStudioWindow);
  ipcMain.handle('studio:dialog', async (event, which: unknown) => {
    if (!fromStudioWindow(event) || !mainWindow) return which === 'folders' ? [] : null;
    if (which === 'folders') {
      const picked = await dialog.showOpenDialog(mainWindow, {
        title: 'Import folders of images',
        properties: ['openDirectory', 'multiSelections'],
      });
      return picked.canceled ? [] : picked.filePaths;
    }
    const picked = await dialog.showOpenDialog(mainWindow, {
      title: 'Export into folder',
      properties: ['openDirectory', 'createDirectory'],
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  services.jobs.subscribe((event) => mainWindow?.webContents.send('studio:event', event));

  // Quitting mid-run stops each training after its current step, with a checkpoint, before the app exits.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    void services.shutdown().finally(() => {
      datasetImages.close();
      app.quit();
    });
  });

  await openMainWindow();
  // Training that quitting stopped carries on, as if the app had never closed.
  void services.continueRunsStoppedAtShutdown();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
