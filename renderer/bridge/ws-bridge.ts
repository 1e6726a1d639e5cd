import type { KioskApi, WsEvent, WsRequest, WsResponse } from '../../contract/api';
import { channels, type ChannelName } from '../../contract/channels';
import type { KioskErrorBody, Result } from '../../contract/errors';
import { events, type EventName } from '../../contract/events';

// The browser shell's half of window.kiosk: the same KioskApi the Electron preload offers, carried
// over a loopback WebSocket. Responses and events are checked against the contract here too, so a
// malformed frame becomes a typed error and never reaches a screen (STYLE.md habit 2).

export type WsBridgeOptions = {
  /** ws://host/kiosk?secret=… */
  url: string;
  /** Injected for tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
  /** A request with no answer after this long fails with INTERNAL. */
  requestTimeoutMs?: number;
  /** Reconnect delays grow from min to max (doubling). */
  backoffMinMs?: number;
  backoffMaxMs?: number;
};

export type WsBridge = KioskApi & {
  /** True while the socket is open. */
  readonly connected: boolean;
  /** Stop reconnecting and fail what is pending (tests, page unload). */
  close(): void;
};

/**
 * Channels that follow a print job or fetch from the platform answer only when the printer or the
 * platform has: main bounds them itself (the print service waits at most 120 s for a job), so the
 * page must wait at least that long rather than report a failure while the paper is still coming out.
 */
const SLOW_CHANNELS: ReadonlySet<string> = new Set(['catalogue.print', 'certificate.print', 'certificate.issue', 'maintenance.selfTest']);
const SLOW_TIMEOUT_MS = 150_000;

type Pending = { channel: ChannelName; resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> };
type Listener = (payload: unknown) => void;

const failure = (message: string): { ok: false; error: KioskErrorBody } => ({ ok: false, error: { code: 'INTERNAL', message } });

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const minDelay = options.backoffMinMs ?? 250;
  const maxDelay = options.backoffMaxMs ?? 5_000;
  const pending = new Map<number, Pending>();
  // Requests made while a connection attempt is under way wait for it (start-up asks for
  // app.info before the socket has opened); they still time out like any other request.
  const queued: WsRequest[] = [];
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let delay = minDelay;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const settle = (id: number, result: Result<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const failAll = (message: string) => {
    queued.length = 0;
    for (const id of [...pending.keys()]) settle(id, failure(message));
  };

  const onMessage = (raw: unknown) => {
    let frame: unknown;
    try {
      frame = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('id' in frame && typeof frame.id === 'number' && 'result' in frame) {
      const { id, result } = frame as WsResponse;
      const entry = pending.get(id);
      if (entry) settle(id, checkResult(entry.channel, result));
    } else if ('event' in frame && typeof frame.event === 'string') {
      const { event, payload } = frame as WsEvent;
      if (!Object.hasOwn(events, event)) return;
      const parsed = events[event as EventName].safeParse(payload);
      if (!parsed.success) return;
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(parsed.data);
        } catch {
          // A broken screen handler must not stop the others from hearing the event.
        }
      }
    }
  };

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    let ws: WebSocket;
    try {
      ws = new Impl(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      delay = minDelay;
      for (const request of queued.splice(0)) ws.send(JSON.stringify(request));
    });
    ws.addEventListener('message', (e) => onMessage((e as MessageEvent).data));
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      failAll('the connection to the kiosk service was lost');
      scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work; listening keeps an
    // EventEmitter-based implementation (the `ws` client in tests) from throwing it.
    ws.addEventListener('error', () => undefined);
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  connect();

  return {
    get connected() {
      return socket?.readyState === Impl.OPEN;
    },
    invoke(channel, input) {
      return new Promise((resolve) => {
        if (closed) return resolve(failure('the kiosk bridge is closed'));
        // Between a lost connection and the next attempt there is nobody to ask: say so at once.
        if (!socket || socket.readyState > Impl.OPEN) {
          return resolve(failure('not connected to the kiosk service; reconnecting'));
        }
        const id = nextId++;
        const request: WsRequest = { id, channel, input };
        const limit = SLOW_CHANNELS.has(channel) ? Math.max(timeoutMs, SLOW_TIMEOUT_MS) : timeoutMs;
        const timer = setTimeout(() => settle(id, failure(`no answer to ${channel} within ${limit} ms`)), limit);
        pending.set(id, { channel, timer, resolve: resolve as (r: Result<unknown>) => void });
        if (socket.readyState === Impl.OPEN) socket.send(JSON.stringify(request));
        else queued.push(request);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      failAll('the kiosk bridge is closed');
      socket?.close();
      socket = null;
    },
  };
}

function checkResult(channel: ChannelName, result: unknown): Result<unknown> {
  if (typeof result !== 'object' || result === null || !('ok' in result)) return failure(`malformed answer to ${channel}`);
  if (result.ok === true && 'value' in result) {
    const parsed = channels[channel].response.safeParse(result.value);
    return parsed.success ? { ok: true, value: parsed.data } : failure(`answer to ${channel} does not match the contract`);
  }
  if (result.ok === false && 'error' in result && typeof result.error === 'object' && result.error !== null) {
    return { ok: false, error: result.error as KioskErrorBody };
  }
  return failure(`malformed answer to ${channel}`);
}

/**
 * Start-up: in Electron the preload has already put window.kiosk in place and nothing happens.
 * In the browser shell the page is opened as `…/#secret=…`: take the secret, wipe it from the
 * address bar and history (so it is never shown or bookmarked), and connect.
 */
export function installWsBridgeIfNeeded(
  win: Window & { kiosk?: KioskApi } = window,
  options: Omit<WsBridgeOptions, 'url'> = {},
): WsBridge | null {
  if (win.kiosk !== undefined) return null;
  const secret = new URLSearchParams(win.location.hash.slice(1)).get('secret') ?? '';
  if (win.location.hash) {
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  }
  const url = `ws://${win.location.host}/kiosk?secret=${encodeURIComponent(secret)}`;
  const bridge = createWsBridge({ ...options, url });
  win.kiosk = bridge;
  return bridge;
}
