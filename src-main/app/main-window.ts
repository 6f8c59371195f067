import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer gets no Node.js and no Electron: a sandboxed, context-isolated page whose only way out is the
 * preload's window.studio.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'GAN Studio',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';
