import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../contract';
import { channels, events, IPC_EVENT, IPC_INVOKE } from '../../contract';

// The real 'electron' cannot load here; the preload sees this fake instead.
const bridge = vi.hoisted(() => ({ exposed: new Map<string, unknown>() }));
const ipc = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const emitter = new Emitter();
  return Object.assign(emitter, { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: {} })) });
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: ipc,
}));

const { createKioskApi } = await import('./preload');
const kiosk = () => bridge.exposed.get('kiosk') as KioskApi;

beforeEach(() => {
  ipc.invoke.mockClear();
  ipc.removeAllListeners();
});

describe('preload', () => {
  it('exposes exactly window.kiosk with invoke and on', () => {
    expect([...bridge.exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(kiosk()).sort()).toEqual(['invoke', 'on']);
    expect(typeof kiosk().invoke).toBe('function');
    expect(typeof kiosk().on).toBe('function');
  });

  it('invokes every contract channel on the one IPC channel', async () => {
    for (const channel of Object.keys(channels)) {
      await kiosk().invoke(channel as 'app.info', {});
      expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_INVOKE, channel, {});
    }
    await expect(kiosk().invoke('session.wipe', { reason: 'idle' })).resolves.toEqual({ ok: true, value: {} });
  });

  it.each(['no.such.channel', 'constructor', '__proto__', 'toString', '', 42, null])(
    'refuses the unknown channel %s without touching IPC',
    async (channel) => {
      const result = await kiosk().invoke(channel as 'app.info', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('hands listeners the payload only, for their own event only', () => {
    const wiped = vi.fn();
    kiosk().on('session.wiped', wiped);
    const ipcEvent = { sender: 'the IpcRenderer — must never reach the page' };
    ipc.emit(IPC_EVENT, ipcEvent, 'card.removed', { kind: 'id-card' });
    ipc.emit(IPC_EVENT, ipcEvent, 'session.wiped', { reason: 'idle' });
    expect(wiped).toHaveBeenCalledTimes(1);
    expect(wiped.mock.calls[0]).toEqual([{ reason: 'idle' }]);
  });

  it('accepts every contract event and returns a working unsubscribe', () => {
    for (const event of Object.keys(events)) {
      const listener = vi.fn();
      const off = kiosk().on(event as 'session.wiped', listener);
      ipc.emit(IPC_EVENT, {}, event, { x: 1 });
      off();
      ipc.emit(IPC_EVENT, {}, event, { x: 2 });
      expect(listener.mock.calls).toEqual([[{ x: 1 }]]);
    }
    expect(ipc.listenerCount(IPC_EVENT)).toBe(0);
  });

  it.each(['no.such.event', 'constructor', '__proto__', IPC_EVENT, ''])('refuses to subscribe to the unknown event %s', (event) => {
    expect(() => kiosk().on(event as 'session.wiped', () => undefined)).toThrow(TypeError);
    expect(ipc.listenerCount(IPC_EVENT)).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => kiosk().on('session.wiped', 'alert(1)' as never)).toThrow(TypeError);
  });

  it('builds the same API around any ipcRenderer-like port', async () => {
    const port = Object.assign(new EventEmitter(), { invoke: vi.fn(async () => 'ok') });
    const api = createKioskApi(port as never);
    await api.invoke('app.state', {});
    expect(port.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.state', {});
  });
});
