import type { KioskApi } from '../../contract/api';
import type { SessionApi } from '../app/session-context';
import { translator, type Lang } from '../i18n/i18n';
import { demoInfo, fakeKiosk } from './fake-kiosk';

/**
 * A SessionApi for rendering one screen on its own (outside the App): Chinese or English, sound
 * muted, every navigation a no-op unless the test passes its own.
 */
export function stubSession(overrides: Partial<SessionApi> & { lang?: Lang; kiosk?: KioskApi } = {}): SessionApi {
  const noop = () => {};
  const lang = overrides.lang ?? 'zh-CN';
  return {
    kiosk: fakeKiosk().api,
    info: demoInfo,
    t: translator(lang),
    elderly: false,
    voice: { slow: false, muted: true, volume: 'medium' },
    say: noop, open: noop, replace: noop, back: noop, home: noop, wipe: noop,
    ...overrides,
    lang,
  };
}
