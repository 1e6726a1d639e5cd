import type { DeviceStatus } from '../../contract';
import { createLogger } from '../log/logger';
import type { SyncService } from './sync-service';

const log = createLogger('heartbeat');

export type HeartbeatSnapshot = () => {
  devices: DeviceStatus[];
  versions: { app: string; catalogue: number | null };
};

/**
 * Telemetry for the fleet view: device states, paper, versions and the outbox backlog, coalesced in
 * the outbox (at most one pending heartbeat). It also keeps the online/offline state real when the
 * kiosk has nothing else to send, so the offline banner follows the network, not the last upload.
 */
export function startHeartbeat(sync: SyncService, snapshot: HeartbeatSnapshot, intervalMs: number): { beat(): void; stop(): void } {
  const beat = () => {
    try {
      sync.recordHeartbeat({ ...snapshot(), at: new Date().toISOString() });
    } catch (error) {
      log.warn({ err: error }, 'heartbeat not recorded');
    }
  };
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return { beat, stop: () => clearInterval(timer) };
}
