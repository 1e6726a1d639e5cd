import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../contract';
import { EventBus } from '../ipc/event-bus';
import type { Router } from '../ipc/router';
import { forwardEvents, registerIpcBridge, type EventTarget } from './ipc-bridge';
import { asElectronApi, createFakeElectron, FakeSession, FakeWebContents } from './testing/fake-electron';

type Frame = { url: string; parent: object | null; processId: number; routingId: number; isDestroyed: () => boolean };

const frame = (url: string, overrides: Partial<Frame> = {}): Frame => ({
  url,
  parent: null,
  processId: 4,
  routingId: 1,
  isDestroyed: () => false,
  ...overrides,
});

function bridge() {
  const fake = createFakeElectron();
  const kiosk = new FakeWebContents(new FakeSession());
  const dispatch = vi.fn<Router['dispatch']>(async (channel) => ({ ok: true, value: { channel } }));
  registerIpcBridge(asElectronApi(fake).ipcMain, async () => ({ dispatch }), (sender) => sender === (kiosk as unknown));
  const handler = fake.invokeHandlers.get(IPC_INVOKE);
  if (!handler) throw new Error('no handler registered on kiosk:invoke');
  const invoke = (senderFrame: Frame | null, sender: object = kiosk, channel: unknown = 'app.info', input: unknown = {}) =>
    (handler as (...args: unknown[]) => Promise<unknown>)({ sender, senderFrame }, channel, input);
  return { invoke, dispatch, kiosk };
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } };

describe('IPC bridge', () => {
  it('passes requests from the kiosk page’s main frame to the router', async () => {
    const b = bridge();
    await expect(b.invoke(frame('app://kiosk/index.html'), b.kiosk, 'app.info', {})).resolves.toEqual({ ok: true, value: { channel: 'app.info' } });
    expect(b.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it.each([
    ['a remote page', frame('https://evil.example/')],
    ['a file:// page', frame('file:///tmp/x.html')],
    ['another app host', frame('app://other/index.html')],
    ['about:blank', frame('about:blank')],
    ['a subframe of the app', frame('app://kiosk/preview.html', { parent: {}, routingId: 9 })],
    ['a frame that is not the main frame', frame('app://kiosk/index.html', { routingId: 2 })],
    ['a frame in another process', frame('app://kiosk/index.html', { processId: 99 })],
    ['a destroyed frame', frame('app://kiosk/index.html', { isDestroyed: () => true })],
    ['no frame at all', null],
  ])('refuses %s with FORBIDDEN and never dispatches', async (_name, senderFrame) => {
    const b = bridge();
    await expect(b.invoke(senderFrame)).resolves.toEqual(FORBIDDEN);
    expect(b.dispatch).not.toHaveBeenCalled();
  });

  it('refuses the app page when it is shown in some other web contents', async () => {
    const b = bridge();
    const other = new FakeWebContents(new FakeSession());
    await expect(b.invoke(frame('app://kiosk/index.html'), other)).resolves.toEqual(FORBIDDEN);
    expect(b.dispatch).not.toHaveBeenCalled();
  });
});

describe('event forwarding', () => {
  const target = () => {
    const contents = { send: vi.fn(), destroyed: false, isDestroyed: () => contents.destroyed, isCrashed: () => false };
    return contents;
  };

  it('sends every published event to the window with its payload', () => {
    const bus = new EventBus();
    const contents = target();
    forwardEvents(bus, () => contents as unknown as EventTarget);
    bus.publish('session.wiped', { reason: 'idle' });
    expect(contents.send).toHaveBeenCalledWith(IPC_EVENT, 'session.wiped', { reason: 'idle' });
  });

  it('skips a destroyed window, and stops after unsubscribing', () => {
    const bus = new EventBus();
    const contents = target();
    const stop = forwardEvents(bus, () => contents as unknown as EventTarget);
    contents.destroyed = true;
    bus.publish('session.wiped', { reason: 'idle' });
    contents.destroyed = false;
    stop();
    bus.publish('session.wiped', { reason: 'idle' });
    expect(contents.send).not.toHaveBeenCalled();
  });
});
