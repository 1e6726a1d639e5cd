import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WsEvent, WsRequest, WsResponse } from '../../contract';
import type { EventBus } from '../ipc/event-bus';
import type { Router } from '../ipc/router';
import { createLogger } from '../log/logger';
import { readStaticFile } from './static-files';

/**
 * The browser shell (DESIGN.md §2): the built renderer and the same contract, served on 127.0.0.1
 * only, for Chromium-kiosk deployments and for end-to-end tests where Electron cannot run. A
 * per-launch secret (in the page URL's fragment, so it never reaches a server log or a Referer)
 * and an Origin check keep other local programs and web pages from driving the kiosk.
 */
export type BrowserShellOptions = {
  router: Router;
  events: EventBus;
  rendererDir: string;
  port?: number;
  /** Fixed secret for tests; by default 32 random bytes per launch. */
  secret?: string;
};

export type BrowserShell = {
  /** The address to open, secret included: http://127.0.0.1:PORT/#secret=… */
  url: string;
  origin: string;
  port: number;
  secret: string;
  close(): Promise<void>;
};

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 1_000_000;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const log = createLogger('browser-shell');
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  let origin = '';

  const server = createServer((req, res) => {
    void serveFile(options.rendererDir, req, res);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const refusal = checkUpgrade(req, origin, secret);
    if (refusal) {
      log.warn({ reason: refusal, origin: req.headers.origin ?? null }, 'refused a WebSocket connection');
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      void answer(ws, isBinary ? undefined : data.toString());
    });
    ws.on('error', () => ws.terminate());
  };

  const answer = async (ws: WebSocket, text: string | undefined) => {
    const request = parseRequest(text);
    if (!request) {
      send(ws, { id: -1, result: { ok: false, error: { code: 'INVALID_REQUEST', message: 'malformed frame' } } });
      return;
    }
    const result = await options.router.dispatch(request.channel, request.input);
    send(ws, { id: request.id, result } satisfies WsResponse);
  };

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload } satisfies WsEvent);
    for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;
  log.info({ origin }, 'browser shell listening');

  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    secret,
    async close() {
      unsubscribe();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** Returns why an upgrade is refused, or undefined when it may proceed. */
export function checkUpgrade(req: IncomingMessage, origin: string, secret: string): string | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/kiosk') return 'unknown path';
  if (req.headers.origin !== origin) return 'wrong origin';
  const given = Buffer.from(url.searchParams.get('secret') ?? '');
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong secret';
  return undefined;
}

function parseRequest(text: string | undefined): WsRequest | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { id, channel, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string') return undefined;
  return { id, channel, input };
}

function send(ws: WebSocket, frame: WsResponse): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const file = await readStaticFile(root, req.url ?? '/');
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
