import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { ElectronApi } from './electron-api';

// The renderer is served from the packaged files under a privileged custom scheme, app://kiosk/,
// rather than file://. Why: file:// pages share one opaque origin with every file on the disk, so
// an origin check on the IPC sender would mean nothing and `'self'` in the CSP would allow any
// local file; Electron's security checklist recommends a custom protocol for exactly this reason.
// app:// is registered as standard + secure, so the page has a real origin (app://kiosk), CSP
// `'self'` means "the packaged renderer only", and the fuse GrantFileProtocolExtraPrivileges can
// stay off.

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a page or resource of the packaged renderer (app://kiosk/…). */
export function isAppUrl(url: string): boolean {
  // Node's URL gives non-special schemes the origin "null", so compare scheme and host instead.
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: a secure context like https;
      // supportFetchAPI: fetch() of the renderer's own assets; stream: audio prompts can seek;
      // corsEnabled: Vite's `<script type="module" crossorigin>` is fetched in CORS mode, which
      // Chromium only allows for CORS-enabled schemes (same origin, and no response of ours
      // carries Access-Control-Allow-Origin, so nothing else may read it).
      // No bypassCSP, no allowServiceWorkers, no codeCache: nothing here needs them.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}

export function handleAppProtocol(protocol: ElectronApi['protocol'], rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot, request.url));
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps an app:// URL to a file under `rendererRoot`, or null when the URL is not ours or tries to
 * leave the folder (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL). Pure: no file system.
 */
export function resolveAppPath(rendererRoot: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((part) => part === '..')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rendererRoot);
  const target = resolve(join(root, pathname));
  return isInside(root, target) ? target : null;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Serves one app:// request from the packaged renderer. Never throws; refusals are plain 4xx. */
export async function serveAppRequest(rendererRoot: string, url: string): Promise<Response> {
  const target = resolveAppPath(rendererRoot, url);
  if (target === null) return refuse(403);
  try {
    // A symlink inside the renderer folder must not lead outside it either.
    const [realRoot, realTarget] = await Promise.all([realpath(rendererRoot), realpath(target)]);
    if (!isInside(realRoot, realTarget) || !(await stat(realTarget)).isFile()) return refuse(404);
    const body = await readFile(realTarget);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': MIME[extname(realTarget).toLowerCase()] ?? 'application/octet-stream',
        // Also set here: webRequest.onHeadersReceived is not guaranteed to see custom-protocol responses.
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  } catch {
    return refuse(404);
  }
}

function refuse(status: 403 | 404): Response {
  return new Response(status === 403 ? 'Forbidden' : 'Not found', {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}
