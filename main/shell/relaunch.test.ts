import { describe, expect, it } from 'vitest';
import { EventBus } from '../ipc/event-bus';
import type { Kiosk } from '../app';
import { defaults } from '../config/load';
import { runKioskShell, type ShellDeps } from './kiosk-shell';
import { relaunchApp, RELAUNCH_EXIT_AFTER_MS } from './relaunch';
import { asElectronApi, createFakeElectron } from './testing/fake-electron';

describe('restart from maintenance mode (Electron)', () => {
  it('queues a relaunch and quits the orderly way; exits only if the quit hangs', () => {
    const fake = createFakeElectron({ gotLock: true });
    const timers: { callback: () => void; ms: number }[] = [];
    relaunchApp(fake.app, (callback, ms) => timers.push({ callback, ms }));
    expect(fake.app.relaunch).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.relaunch.mock.invocationCallOrder[0]).toBeLessThan(fake.app.quit.mock.invocationCallOrder[0] ?? 0);
    expect(fake.app.exit).not.toHaveBeenCalled();
    expect(timers.map((t) => t.ms)).toEqual([RELAUNCH_EXIT_AFTER_MS]);
    timers[0]?.callback();
    expect(fake.app.exit).toHaveBeenCalledWith(0);
  });

  it('the shell hands the services a restart hook that relaunches the app', async () => {
    const fake = createFakeElectron({ gotLock: true });
    const config = defaults('demo', {});
    let options: Parameters<ShellDeps['startKiosk']>[0] | undefined;
    const kiosk: Kiosk = { config, db: {} as Kiosk['db'], events: new EventBus(), router: { dispatch: async () => ({ ok: true, value: {} }) }, info: () => ({}) as ReturnType<Kiosk['info']>, stop: async () => undefined };
    await runKioskShell(asElectronApi(fake), {
      loadConfig: () => config,
      startKiosk: async (o) => {
        options = o;
        return kiosk;
      },
      preload: '/app/dist/main/preload.cjs',
      rendererRoot: '/app/dist/renderer',
      now: () => 0,
      setTimer: () => undefined,
      report: () => undefined,
    });
    expect(options?.shell?.restart).toBeTypeOf('function');
    options?.shell?.restart?.();
    expect(fake.app.relaunch).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });
});
