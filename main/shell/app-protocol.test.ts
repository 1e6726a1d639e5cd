import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, handleAppProtocol, isAppUrl, registerAppScheme, resolveAppPath, serveAppRequest } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';
import { asElectronApi, createFakeElectron } from './testing/fake-electron';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'kiosk-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>海珠e办事</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'voice prompt.mp3'), Buffer.from([1, 2, 3]));
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme without CSP bypass', () => {
    const fake = createFakeElectron();
    registerAppScheme(asElectronApi(fake).protocol);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
    ]);
  });

  it('serves the renderer through protocol.handle', async () => {
    const fake = createFakeElectron();
    handleAppProtocol(asElectronApi(fake).protocol, root);
    const [scheme, handler] = fake.protocol.handle.mock.calls[0] as unknown as [string, (r: { url: string }) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler({ url: APP_ENTRY_URL });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('海珠e办事');
  });

  it('serves files with their type, the CSP and nosniff', async () => {
    const html = await serveAppRequest(root, 'app://kiosk/index.html');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await serveAppRequest(root, 'app://kiosk/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const audio = await serveAppRequest(root, 'app://kiosk/assets/voice%20prompt.mp3');
    expect(audio.status).toBe(200);
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('serves index.html for the bare origin', async () => {
    expect((await serveAppRequest(root, 'app://kiosk/')).status).toBe(200);
  });

  it.each([
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/../secret.txt',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
  ])('never serves a file outside the renderer folder for %s', async (url) => {
    const response = await serveAppRequest(root, url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it.each(['app://kiosk/..%2fsecret.txt', 'app://kiosk/..%5csecret.txt', 'app://kiosk/index.html%00.js', 'app://kiosk/%E0%A4%A'])(
    'refuses the encoded escape %s outright with 403',
    async (url) => {
      expect((await serveAppRequest(root, url)).status).toBe(403);
    },
  );

  it.each(['app://other/index.html', 'file:///etc/passwd', 'https://kiosk/index.html'])('refuses %s with 403', async (url) => {
    expect((await serveAppRequest(root, url)).status).toBe(403);
  });

  it('keeps URL-normalised dot segments inside the renderer folder', async () => {
    // new URL() already folds plain ../ away; what is left must still be inside the root.
    expect(resolveAppPath(root, 'app://kiosk/../../secret.txt')).toBe(join(root, 'secret.txt'));
    expect((await serveAppRequest(root, 'app://kiosk/../../secret.txt')).status).toBe(404);
  });

  it('refuses a symlink that leads outside the renderer folder', async () => {
    const response = await serveAppRequest(root, 'app://kiosk/assets/link.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });

  it('answers 404 for a missing file or a folder', async () => {
    expect((await serveAppRequest(root, 'app://kiosk/nope.js')).status).toBe(404);
    expect((await serveAppRequest(root, 'app://kiosk/assets')).status).toBe(404);
  });

  it('recognises app URLs by scheme and host', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://evil/kiosk')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
