import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KioskError } from '../../contract';
import { EventBus } from '../ipc/event-bus';
import { createRouter, type Handlers } from '../ipc/router';
import { createLogger } from '../log/logger';
import { startBrowserShell, type BrowserShell } from './server';

let shell: BrowserShell;
let root: string;
const events = new EventBus();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');
  const handlers = {
    'app.info': () => ({
      version: '1', profile: 'demo', kioskId: 'k1', location: 'here', simulatorPanel: true,
      features: { guides: false, certificates: false, progress: false, results: false, forms: false, slips: false },
      idle: { timeoutSeconds: 90, elderlyTimeoutSeconds: 180, countdownSeconds: 30 },
    }),
    'maintenance.unlock': () => {
      throw new KioskError('PIN_WRONG', 'wrong PIN', { attemptsLeft: 4 });
    },
  } as unknown as Handlers;
  shell = await startBrowserShell({ router: createRouter(handlers, createLogger('test')), events, rendererDir: root });
});
afterAll(async () => {
  await shell.close();
  rmSync(root, { recursive: true, force: true });
});

const connect = (query: string, origin: string | undefined) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/kiosk${query}`, origin === undefined ? {} : { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });

const next = (ws: WebSocket) => new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));

describe('browser shell', () => {
  it('binds loopback only and puts the secret in the URL fragment', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.url).toBe(`${shell.origin}/#secret=${shell.secret}`);
    expect(shell.secret.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a connection without the secret', async () => {
    await expect(connect('', shell.origin)).rejects.toThrow('HTTP 403');
  });

  it('refuses a wrong secret', async () => {
    await expect(connect('?secret=' + 'x'.repeat(shell.secret.length), shell.origin)).rejects.toThrow('HTTP 403');
  });

  it('refuses another origin, even with the right secret', async () => {
    await expect(connect(`?secret=${shell.secret}`, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(`?secret=${shell.secret}`, undefined)).rejects.toThrow('HTTP 403');
  });

  it('answers contract requests, typed errors and malformed frames', async () => {
    const ws = await connect(`?secret=${shell.secret}`, shell.origin);
    ws.send(JSON.stringify({ id: 1, channel: 'app.info', input: {} }));
    expect(await next(ws)).toMatchObject({ id: 1, result: { ok: true, value: { kioskId: 'k1' } } });
    ws.send(JSON.stringify({ id: 2, channel: 'maintenance.unlock', input: { pin: '1234' } }));
    expect(await next(ws)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'PIN_WRONG', detail: { attemptsLeft: 4 } } } });
    ws.send(JSON.stringify({ id: 3, channel: 'maintenance.unlock', input: { pin: 'abc' } }));
    expect(await next(ws)).toMatchObject({ id: 3, result: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    ws.send(JSON.stringify({ id: 4, channel: 'no.such.channel', input: {} }));
    expect(await next(ws)).toMatchObject({ id: 4, result: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    ws.send('{not json');
    expect(await next(ws)).toMatchObject({ id: -1, result: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    ws.close();
  });

  it('forwards events to connected pages', async () => {
    const ws = await connect(`?secret=${shell.secret}`, shell.origin);
    const got = next(ws);
    events.publish('card.removed', { kind: 'id-card' });
    expect(await got).toEqual({ event: 'card.removed', payload: { kind: 'id-card' } });
    ws.close();
  });

  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const home = await fetch(`${shell.origin}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(home.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    for (const path of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/..%2Foutside-secret.txt']) {
      const res = await fetch(`${shell.origin}${path}`);
      expect(res.status).toBe(404);
    }
    expect((await fetch(`${shell.origin}/`, { method: 'POST' })).status).toBe(405);
  });
});
