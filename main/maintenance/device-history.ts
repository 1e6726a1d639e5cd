import type { DeviceStatus } from '../../contract/channels';
import type { Db } from '../db/database';
import type { Clock } from '../util/clock';

export type LastDeviceError = { state: string; detail: string | null; at: number };

const TROUBLE = new Set<DeviceStatus['state']>(['offline', 'hardwareError', 'userError', 'noDevice']);

/**
 * Device status changes that mean trouble, kept in `device_events` so the dashboard can show each
 * device's last error and when it happened, even after the device recovered or the kiosk restarted.
 */
export class DeviceHistory {
  private readonly lastSeen = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Records a status if it is trouble and differs from the last one seen for that device. */
  record(status: DeviceStatus): void {
    const key = `${status.state}|${status.detail ?? ''}|${status.paper ?? ''}`;
    if (this.lastSeen.get(status.id) === key) return;
    this.lastSeen.set(status.id, key);
    const paperTrouble = status.paper === 'out' || status.paper === 'jammed';
    if (!TROUBLE.has(status.state) && !paperTrouble) return;
    const state = TROUBLE.has(status.state) ? status.state : `paper-${status.paper}`;
    this.db
      .prepare('INSERT INTO device_events (at, device, state, detail) VALUES (?, ?, ?, ?)')
      .run(this.clock.now(), status.id, state, status.detail ?? null);
  }

  lastErrors(): Map<string, LastDeviceError> {
    const rows = this.db
      .prepare('SELECT device, state, detail, at FROM device_events e WHERE id = (SELECT MAX(id) FROM device_events WHERE device = e.device)')
      .all() as { device: string; state: string; detail: string | null; at: number }[];
    return new Map(rows.map((r) => [r.device, { state: r.state, detail: r.detail, at: r.at }]));
  }
}
