import { describe, expect, it } from 'vitest';
import { CrashPolicy } from './crash-policy';
import { CrashRecovery, type RecoverableWindow } from './crash-recovery';
import { asElectronApi, createFakeElectron, fakeEvent } from './testing/fake-electron';

function setUp() {
  const fake = createFakeElectron();
  let now = 0;
  const reports: string[] = [];
  const recovery = new CrashRecovery(asElectronApi(fake).app, new CrashPolicy({ now: () => now }), (kind, _detail, action) =>
    reports.push(`${kind}:${action}`),
  );
  const window = new fake.BrowserWindow({});
  recovery.watch(window as unknown as RecoverableWindow);
  const contents = window.webContents;
  return {
    fake,
    window,
    contents,
    reports,
    advance: (ms: number) => void (now += ms),
    rendererGone: (reason = 'crashed') => contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 1 }),
    gpuGone: (reason = 'crashed') => fake.app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason, exitCode: 1 }),
  };
}

describe('crash recovery', () => {
  it('reloads the page when the renderer dies', () => {
    const s = setUp();
    s.rendererGone();
    expect(s.contents.reload).toHaveBeenCalledTimes(1);
    expect(s.fake.app.relaunch).not.toHaveBeenCalled();
    expect(s.reports).toEqual(['renderer-gone:reload']);
  });

  it('kills a hung renderer and reloads it, counting the incident once', () => {
    const s = setUp();
    s.window.emit('unresponsive');
    expect(s.contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(s.contents.reload).toHaveBeenCalledTimes(1);
    s.rendererGone('killed'); // the death we caused
    expect(s.contents.reload).toHaveBeenCalledTimes(1);
    expect(s.reports).toEqual(['renderer-unresponsive:reload']);
  });

  it('relaunches the app on the third crash within ten minutes', () => {
    const s = setUp();
    s.rendererGone();
    s.advance(60_000);
    s.gpuGone();
    s.advance(60_000);
    expect(s.fake.app.relaunch).not.toHaveBeenCalled();
    s.rendererGone('oom');
    expect(s.fake.app.relaunch).toHaveBeenCalledTimes(1);
    expect(s.fake.app.exit).toHaveBeenCalledWith(0);
    expect(s.contents.reload).toHaveBeenCalledTimes(2);
    s.rendererGone();
    expect(s.fake.app.relaunch).toHaveBeenCalledTimes(1);
  });

  it('counts GPU process deaths but not other child processes or clean exits', () => {
    const s = setUp();
    s.fake.app.emit('child-process-gone', fakeEvent(), { type: 'Utility', reason: 'crashed', exitCode: 1 });
    s.gpuGone('clean-exit');
    s.rendererGone('clean-exit');
    expect(s.reports).toEqual([]);
    s.gpuGone();
    expect(s.reports).toEqual(['gpu-gone:reload']);
    expect(s.contents.reload).toHaveBeenCalledTimes(1);
  });

  it('does not touch a destroyed window', () => {
    const s = setUp();
    s.window.destroyed = true;
    s.rendererGone();
    expect(s.contents.reload).not.toHaveBeenCalled();
  });
});
