import { backoffMs, type Sleeper } from './clock';

// The one loop a polling adapter runs (ID card and social-security card readers): open the
// device, retrying with backoff; poll it; reopen it when it is lost; stop when closed.

export type DeviceLoopSteps = {
  /** True once close() was called: the loop ends. */
  closed(): boolean;
  /** Whether the device is open now (an adapter drops its handle when the device is lost). */
  connected(): boolean;
  /** Opens the device; false when it could not (the loop retries with backoff). */
  connect(): Promise<boolean>;
  /** One poll of an open device. It reports its own errors; a throw here ends nothing. */
  poll(): Promise<void>;
};

export type DeviceLoopTimings = { pollMs: number; reopenFirstMs: number; reopenMaxMs: number };

export type DeviceLoop = {
  /** Settles when the loop has ended (after close()). */
  done: Promise<void>;
  /** Settles once the first attempt to open the device is over: what an adapter's open() awaits. */
  firstAttempt: Promise<void>;
};

export function startDeviceLoop(steps: DeviceLoopSteps, timings: DeviceLoopTimings, sleeper: Sleeper): DeviceLoop {
  let attempted!: () => void;
  const firstAttempt = new Promise<void>((resolve) => (attempted = resolve));
  const run = async () => {
    let attempt = 0;
    while (!steps.closed()) {
      if (!steps.connected()) {
        const opened = await steps.connect();
        attempted();
        if (!opened) {
          await sleeper.sleep(backoffMs(attempt++, timings.reopenFirstMs, timings.reopenMaxMs));
          continue;
        }
        attempt = 0;
      }
      await steps.poll().catch(() => undefined);
      await sleeper.sleep(timings.pollMs);
    }
  };
  // open() must return even when the loop ends before its first attempt (closed at once).
  const done = run().finally(attempted);
  return { done, firstAttempt };
}
