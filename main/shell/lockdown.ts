import { APP_SCHEME, isAppUrl } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { ElectronApi, GuardedContents, GuardedSession } from './electron-api';
import { judgeShortcut } from './shortcuts';

// Every guard of the Electron security checklist that is not a window option. Applied to the
// default session once, and to every web contents Electron ever creates (web-contents-created),
// not only the kiosk window, so that nothing created later escapes them.

export type LockdownOptions = {
  /** Devtools allowed (demo profile with KIOSK_DEVTOOLS=1 only). */
  devtools: boolean;
};

/** Only the packaged renderer and in-page data: / blob: URLs are ever loaded. */
export function isAllowedRequestUrl(url: string, options: LockdownOptions): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${APP_SCHEME}://`)) return isAppUrl(url.slice('blob:'.length));
  if (options.devtools && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'))) return true;
  return false;
}

/** Frames may show the app's own pages, its blobs (PDF preview) and nothing else. */
export function isAllowedFrameUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  if (url === 'about:blank' || url === 'about:srcdoc') return true;
  return url.startsWith(`blob:${APP_SCHEME}://`) && isAppUrl(url.slice('blob:'.length));
}

const lockedSessions = new WeakSet<object>();

export function lockDownSession(session: GuardedSession, options: LockdownOptions): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  // Camera, microphone, geolocation, notifications, HID, serial, USB, clipboard, full screen …:
  // the page needs none of them; devices are driven by main through their adapters.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, options) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function lockDownWebContents(contents: GuardedContents, options: LockdownOptions): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!(event.isMainFrame ? isAppUrl(event.url) : isAllowedFrameUrl(event.url))) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A page must never hold up a crash reload, a relaunch or a quit with a beforeunload prompt.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    const verdict = judgeShortcut(input);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'devtools' && options.devtools && input.type === 'keyDown') contents.toggleDevTools();
  });
  // Pinch-zoom (KIOSK-UX.md complaint 12) and Ctrl+wheel zoom. The limits reset on navigation, so
  // they are set again after every load.
  const noZoom = () => {
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
    contents.setZoomLevel(0);
  };
  noZoom();
  contents.on('did-finish-load', noZoom);
  contents.on('zoom-changed', noZoom);
  lockDownSession(contents.session, options);
}

/** Chromium switches, set before ready: no pinch zoom, no overscroll (swipe) history navigation. */
export const KIOSK_SWITCHES: ReadonlyArray<readonly [string, string?]> = [
  ['disable-pinch'],
  ['overscroll-history-navigation', '0'],
];

export function lockDownApp(app: ElectronApi['app'], options: LockdownOptions): void {
  for (const [name, value] of KIOSK_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, options));
}
