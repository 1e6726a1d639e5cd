import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// electron-main.ts only hands the real Electron module and the real services to runKioskShell.
const electron = vi.hoisted(() => ({
  app: { exit: vi.fn() },
  BrowserWindow: class {},
  ipcMain: {},
  Menu: {},
  powerSaveBlocker: {},
  protocol: {},
  session: {},
  utilityProcess: { fork: vi.fn() },
}));
const shell = vi.hoisted(() => ({ runKioskShell: vi.fn(async () => undefined) }));
vi.mock('electron', () => electron);
vi.mock('./kiosk-shell', () => shell);

describe('electron-main entry', () => {
  it('starts the shell with the real Electron API, the real services and the bundled paths', async () => {
    await import('./electron-main');
    const { startKiosk } = await import('../app');
    expect(shell.runKioskShell).toHaveBeenCalledTimes(1);
    const [api, deps] = shell.runKioskShell.mock.calls[0] as unknown as [Record<string, unknown>, Record<string, unknown>];
    const { utilityProcess, ...shellApi } = electron;
    expect(api).toEqual(shellApi);
    expect(utilityProcess.fork).not.toHaveBeenCalled();
    expect(typeof deps.startKiosk).toBe('function');
    expect(startKiosk).toBeTypeOf('function');
    expect(typeof deps.loadConfig).toBe('function');
    // Bundled as dist/main/electron-main.cjs: the preload sits beside it, the renderer one level up.
    expect(deps.preload).toBe(join(__dirname, 'preload.cjs'));
    expect(deps.rendererRoot).toBe(join(__dirname, '..', 'renderer'));
  });

  it('started with --kioskctl it runs kioskctl and exits with its code, without starting the shell', async () => {
    vi.resetModules();
    shell.runKioskShell.mockClear();
    electron.app.exit.mockClear();
    const argv = process.argv;
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    process.argv = ['/opt/haizhu-kiosk/haizhu-kiosk', '--kioskctl', 'help'];
    try {
      await import('./electron-main');
      await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(0));
    } finally {
      process.argv = argv;
      write.mockRestore();
    }
    expect(shell.runKioskShell).not.toHaveBeenCalled();
  });
});
