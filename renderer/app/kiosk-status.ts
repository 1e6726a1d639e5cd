import { useEffect, useState } from 'react';
import type { KioskApi } from '../../contract/api';
import type { DeviceStatus, SyncStatus } from '../../contract/channels';

export type KioskStatus = {
  /** null until the first app.state or sync.status says; then the platform's reachability. */
  online: boolean | null;
  devices: Partial<Record<DeviceStatus['id'], DeviceStatus>>;
};

const UNAVAILABLE: ReadonlySet<DeviceStatus['state']> = new Set(['offline', 'hardwareError', 'noDevice']);

export function isUnavailable(device: DeviceStatus | undefined): boolean {
  return device !== undefined && UNAVAILABLE.has(device.state);
}

/**
 * Online, offline, or not known yet: right after start nothing has been tried, and a kiosk that
 * merely has not asked yet must not greet the first resident with an "offline" banner.
 */
function reachability(sync: SyncStatus): boolean | null {
  return sync.probed === false ? null : sync.online;
}

/** Connectivity and device health: app.state once, then the live events. */
export function useKioskStatus(kiosk: KioskApi): KioskStatus {
  const [status, setStatus] = useState<KioskStatus>({ online: null, devices: {} });
  useEffect(() => {
    let live = true;
    // Subscribe first so no event between the snapshot and the subscription is lost; an event
    // that arrives before the snapshot is newer than it, so the snapshot only fills gaps.
    const seen = new Set<string>();
    let syncSeen = false;
    const offSync = kiosk.on('sync.status', (s) => {
      syncSeen = true;
      setStatus((prev) => ({ ...prev, online: reachability(s) }));
    });
    const offDevice = kiosk.on('device.status', (d) => {
      seen.add(d.id);
      setStatus((prev) => ({ ...prev, devices: { ...prev.devices, [d.id]: d } }));
    });
    void kiosk.invoke('app.state', {}).then((r) => {
      if (!live || !r.ok) return;
      setStatus((prev) => {
        const devices = { ...prev.devices };
        for (const d of r.value.devices) if (!seen.has(d.id)) devices[d.id] = d;
        return { online: syncSeen ? prev.online : reachability(r.value.sync), devices };
      });
    });
    return () => {
      live = false;
      offSync();
      offDevice();
    };
  }, [kiosk]);
  return status;
}
