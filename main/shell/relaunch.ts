import type { ElectronApi } from './electron-api';

/** If the orderly quit has not ended the process by then, exit anyway (the relaunch is queued). */
export const RELAUNCH_EXIT_AFTER_MS = 15_000;

/**
 * A technician's "restart the app": queue a relaunch, then quit the orderly way, so that
 * `will-quit` stops the services (database closed, run marker says "technician-restart") before
 * the new instance starts. A quit that hangs is cut short by `exit`, which still relaunches.
 */
export function relaunchApp(
  app: Pick<ElectronApi['app'], 'relaunch' | 'quit' | 'exit'>,
  setTimer: (callback: () => void, ms: number) => unknown = (callback, ms) => setTimeout(callback, ms).unref(),
): void {
  app.relaunch();
  app.quit();
  setTimer(() => app.exit(0), RELAUNCH_EXIT_AFTER_MS);
}
