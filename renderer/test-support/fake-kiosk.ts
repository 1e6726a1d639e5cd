import type { KioskApi } from '../../contract/api';
import type { AppInfo, ChannelName, RequestOf, ResponseOf } from '../../contract/channels';
import type { Result } from '../../contract/errors';
import type { EventName, EventPayload } from '../../contract/events';

type Handler<C extends ChannelName> = (input: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;
export type FakeHandlers = { [C in ChannelName]?: Handler<C> };

export const demoInfo: AppInfo = {
  version: '0.1.0-test',
  profile: 'demo',
  kioskId: 'test-kiosk',
  location: '海珠区测试服务点',
  features: { guides: false, certificates: false, progress: false, results: false, forms: false, slips: false },
  simulatorPanel: true,
  voice: { volume: 'medium' },
  idle: { timeoutSeconds: 90, elderlyTimeoutSeconds: 180, countdownSeconds: 30 },
};

/**
 * An in-memory window.kiosk for unit tests of screens (the real one is covered by the bridge
 * tests and the e2e run). Records every call; `emit` plays a main-process event.
 */
export function fakeKiosk(handlers: FakeHandlers = {}, info: AppInfo = demoInfo) {
  const calls: { channel: ChannelName; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const defaults: FakeHandlers = {
    'app.info': () => ({ ok: true, value: info }),
    'app.state': () => ({ ok: true, value: { devices: [], sync: { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 } } }),
    'session.wipe': () => ({ ok: true, value: {} }),
  };
  const api: KioskApi = {
    async invoke(channel, input) {
      calls.push({ channel, input });
      const handler = (handlers[channel] ?? defaults[channel]) as ((i: unknown) => Result<never> | Promise<Result<never>>) | undefined;
      return handler ? handler(input) : { ok: false, error: { code: 'NOT_AVAILABLE', message: `fake: ${channel}` } };
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },
  };
  return {
    api,
    calls,
    callsTo: (channel: ChannelName) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
