import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from '../../src-main/app/main-window';
import { isAppUrl } from '../../src-main/app/navigation-guard';

describe('the studio window', () => {
  it('runs the renderer sandboxed and isolated, without Node.js', () => {
    const prefs = mainWindowOptions('/app/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload/index.cjs',
    });
  });

  it('reads well from 1024x700 up', () => {
    const options = mainWindowOptions('x');
    expect([options.minWidth, options.minHeight]).toEqual([1024, 700]);
  });

  it('has a Content-Security-Policy that allows no inline or remote script', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('only lets the window navigate to the app page itself', () => {
    const app = 'file:///opt/gan-studio/out/renderer/index.html';
    expect(isAppUrl('file:///opt/gan-studio/out/renderer/index.html#/gallery', app)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('https://example.com/', app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
  });
});
