import { afterEach, describe, expect, test } from 'vitest';
import { WebSocket as WsClient, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { WsEvent, WsRequest, WsResponse } from '../../contract/api';
import type { AppInfo } from '../../contract/channels';
import { fakeKiosk } from '../test-support/fake-kiosk';
import { createWsBridge, installWsBridgeIfNeeded, type WsBridge } from './ws-bridge';

// Against a real WebSocket server on loopback (the `ws` package the browser shell uses) with the
// `ws` client standing in for the browser's (vitest's jsdom WebSocket mixes undici and jsdom
// events and cannot connect): frames, reconnects and timeouts go over an actual socket.
const ClientImpl = WsClient as unknown as typeof WebSocket;

const info: AppInfo = {
  version: '0.1.0',
  profile: 'demo',
  kioskId: 'k1',
  location: '海珠',
  features: { guides: false, certificates: false, progress: false, results: false, forms: false, slips: false },
  simulatorPanel: true,
  voice: { volume: 'medium' },
  idle: { timeoutSeconds: 90, elderlyTimeoutSeconds: 180, countdownSeconds: 30 },
};

type Server = { wss: WebSocketServer; url: string; sockets: ServerSocket[]; connections: number; requests: WsRequest[] };

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

/** Answers each request with `answer(request)`; `undefined` means stay silent. */
async function startServer(answer: (req: WsRequest) => WsResponse['result'] | undefined): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (typeof address === 'string' || address === null) throw new Error('unexpected address');
  const server: Server = { wss, url: `ws://127.0.0.1:${address.port}/kiosk?secret=s3cret`, sockets: [], connections: 0, requests: [] };
  wss.on('connection', (socket) => {
    server.connections++;
    server.sockets.push(socket);
    socket.on('message', (data) => {
      const req = JSON.parse(String(data)) as WsRequest;
      server.requests.push(req);
      const result = answer(req);
      if (result !== undefined) socket.send(JSON.stringify({ id: req.id, result } satisfies WsResponse));
    });
  });
  cleanup.push(() => wss.close());
  return server;
}

function bridgeTo(server: Server, options: { requestTimeoutMs?: number } = {}): WsBridge {
  const bridge = createWsBridge({ url: server.url, WebSocketImpl: ClientImpl, backoffMinMs: 20, backoffMaxMs: 100, ...options });
  cleanup.push(() => bridge.close());
  return bridge;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition never became true');
}

const broadcast = (server: Server, frame: WsEvent) => server.sockets.forEach((s) => s.send(JSON.stringify(frame)));

describe('WebSocket bridge', () => {
  test('a request made before the socket opens is sent once it does, and answered', async () => {
    const server = await startServer((req) => (req.channel === 'app.info' ? { ok: true, value: info } : undefined));
    const bridge = bridgeTo(server);
    expect(bridge.connected).toBe(false);
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, value: info });
    expect(server.requests).toEqual([{ id: 1, channel: 'app.info', input: {} }]);
  });

  test('error results pass through with their code and detail', async () => {
    const server = await startServer(() => ({ ok: false, error: { code: 'PIN_WRONG', message: 'wrong', detail: { attemptsLeft: 2 } } }));
    const bridge = bridgeTo(server);
    await expect(bridge.invoke('maintenance.unlock', { pin: '1234' })).resolves.toEqual({
      ok: false,
      error: { code: 'PIN_WRONG', message: 'wrong', detail: { attemptsLeft: 2 } },
    });
  });

  test('an answer that breaks the contract becomes INTERNAL, never a screen full of junk', async () => {
    const server = await startServer(() => ({ ok: true, value: { version: 42 } }));
    const bridge = bridgeTo(server);
    const result = await bridge.invoke('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
  });

  test('events reach their listeners; malformed or unknown events are dropped; unsubscribe works', async () => {
    const server = await startServer(() => ({ ok: true, value: {} }));
    const bridge = bridgeTo(server);
    const seen: unknown[] = [];
    const off = bridge.on('sync.status', (s) => seen.push(s));
    await bridge.invoke('session.wipe', { reason: 'home' });
    const good = { online: false, pending: 3, oldestPendingAgeMs: 1000, lastSuccessAt: null, deadLetters: 0 };
    broadcast(server, { event: 'sync.status', payload: { online: 'maybe' } });
    broadcast(server, { event: 'toString', payload: {} });
    broadcast(server, { event: 'sync.status', payload: good });
    await until(() => seen.length === 1);
    off();
    broadcast(server, { event: 'sync.status', payload: good });
    await bridge.invoke('session.wipe', { reason: 'home' });
    expect(seen).toEqual([good]);
  });

  test('a request with no answer times out with INTERNAL', async () => {
    const server = await startServer(() => undefined);
    const bridge = bridgeTo(server, { requestTimeoutMs: 100 });
    const result = await bridge.invoke('app.state', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).toContain('no answer');
  });

  test('a print is given as long as the print service takes, not the ordinary request timeout', async () => {
    const server = await startServer(() => undefined);
    const bridge = bridgeTo(server, { requestTimeoutMs: 100 });
    const printing = bridge.invoke('catalogue.print', { kind: 'guide', itemId: 'X' });
    await until(() => server.requests.length === 1);
    const early = await Promise.race([printing.then(() => 'answered'), new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    expect(early).toBe('still waiting');
    server.sockets[0]?.terminate();
    await expect(printing).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('a lost connection fails pending requests, fails new ones at once, then reconnects', async () => {
    let silent = true;
    const server = await startServer(() => (silent ? undefined : { ok: true, value: {} }));
    const bridge = bridgeTo(server);
    const pending = bridge.invoke('session.wipe', { reason: 'home' });
    await until(() => server.requests.length === 1);
    server.sockets[0]?.terminate();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('lost') } });
    // Between the loss and the next attempt (20 ms later) nobody is there to ask: fail at once.
    const meanwhile = await bridge.invoke('session.wipe', { reason: 'home' });
    expect(meanwhile).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('not connected') } });
    await until(() => server.connections === 2 && bridge.connected);
    silent = false;
    await expect(bridge.invoke('session.wipe', { reason: 'idle' })).resolves.toEqual({ ok: true, value: {} });
  });

  test('it keeps retrying while the service is down and connects when it comes back', async () => {
    const first = await startServer(() => ({ ok: true, value: {} }));
    const port = new URL(first.url).port;
    await new Promise<void>((resolve) => first.wss.close(() => resolve()));
    const bridge = createWsBridge({ url: first.url, WebSocketImpl: ClientImpl, backoffMinMs: 20, backoffMaxMs: 50 });
    cleanup.push(() => bridge.close());
    await new Promise((r) => setTimeout(r, 150));
    expect(bridge.connected).toBe(false);
    const again = new WebSocketServer({ host: '127.0.0.1', port: Number(port) });
    cleanup.push(() => again.close());
    again.on('connection', (s) => s.on('message', (d) => s.send(JSON.stringify({ id: (JSON.parse(String(d)) as WsRequest).id, result: { ok: true, value: {} } }))));
    await until(() => bridge.connected);
    await expect(bridge.invoke('session.wipe', { reason: 'home' })).resolves.toEqual({ ok: true, value: {} });
  });

  test('close() fails what is pending and stops reconnecting', async () => {
    const server = await startServer(() => undefined);
    const bridge = bridgeTo(server);
    const pending = bridge.invoke('app.state', {});
    await until(() => server.requests.length === 1);
    bridge.close();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await expect(bridge.invoke('app.state', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections).toBe(1);
  });
});

describe('installWsBridgeIfNeeded', () => {
  test('takes the secret from the fragment, removes it from the address, installs window.kiosk', () => {
    window.history.replaceState(null, '', '/index.html?x=1#secret=abc%2Fdef');
    const created: string[] = [];
    const win = window as Window & { kiosk?: unknown };
    delete win.kiosk;
    // Only the URL is of interest here; the connection itself is covered above.
    class RecordingSocket extends EventTarget {
      static readonly OPEN = 1;
      readonly readyState = 0;
      constructor(url: string) {
        super();
        created.push(url);
      }
      send(): void {}
      close(): void {}
    }
    try {
      const bridge = installWsBridgeIfNeeded(window, { WebSocketImpl: RecordingSocket as unknown as typeof WebSocket });
      cleanup.push(() => bridge?.close());
      expect(bridge).not.toBeNull();
      expect(win.kiosk).toBe(bridge);
      expect(window.location.href).toBe('http://localhost:3000/index.html?x=1');
      expect(created).toEqual(['ws://localhost:3000/kiosk?secret=abc%2Fdef']);
    } finally {
      delete win.kiosk;
    }
  });

  test('leaves an existing window.kiosk (the Electron preload) alone', () => {
    const preload = fakeKiosk().api;
    const win = window as Window & { kiosk?: unknown };
    win.kiosk = preload;
    try {
      expect(installWsBridgeIfNeeded(window)).toBeNull();
      expect(win.kiosk).toBe(preload);
    } finally {
      delete win.kiosk;
    }
  });
});
