import { act } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { KioskApi } from '../../contract/api';
import { App } from '../app/app';
import { render, tap, type Rendered } from './render';

/**
 * The set-up every screen test shares: fake timers, the whole <App> rendered against a fake
 * kiosk (so routing, idle and the session behave as on the kiosk), and small helpers to let time
 * pass, find an element by test id (failing with what is on screen) and tap it. Call it once at
 * the top of a test file; it registers its own beforeEach/afterEach.
 */
export function appHarness() {
  let current: Rendered | null = null;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    current?.unmount();
    current = null;
    vi.useRealTimers();
  });

  const settle = async (ms = 0) => {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  };
  const view = (): Rendered => {
    if (!current) throw new Error('nothing rendered yet: call start() first');
    return current;
  };
  const byId = (id: string): HTMLElement => {
    const el = current?.byTestId(id);
    if (!el) throw new Error(`no [data-testid=${id}] in: ${current?.text() ?? ''}`);
    return el;
  };
  const tapId = async (id: string) => {
    await tap(byId(id));
    await settle();
  };
  /** Renders the app (replacing one already shown) and lets its start-up calls (app.info, app.state) answer. */
  const start = async (api: KioskApi): Promise<Rendered> => {
    current?.unmount();
    current = await render(<App kiosk={api} />);
    await settle();
    return current;
  };
  return { start, settle, view, byId, tapId };
}
