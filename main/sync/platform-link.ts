import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../../contract';
import type { KioskConfig } from '../config/schema';
import type { Db } from '../db/database';
import { launchPlatformSimulator, type PlatformLauncher, type PlatformProcess } from '../demo/platform-launcher';
import type { EventBus } from '../ipc/event-bus';
import { createLogger } from '../log/logger';
import type { Clock, IdSource } from '../util/clock';
import { PlatformClient } from './platform-client';
import { SyncService } from './sync-service';
import { startHeartbeat, type HeartbeatSnapshot } from './heartbeat';
import { realTimers } from './backoff';
import { SignedUpdater, type UpdateTarget } from './signed-updater';
import { catalogueTarget, configTarget, readPlatformConfig } from './update-targets';
import { DEFAULT_OUTBOX_LIMITS, limitsFromPlatformConfig, type OutboxLimits } from './outbox-limits';
import { UpdateWatcher } from './update-watcher';
import { APP_VERSION } from '../version';
import { fileURLToPath } from 'node:url';

const log = createLogger('platform-link');

/** The newest build this code can be: expiry is never judged against an earlier time (SYNC.md §6). */
const BUILD_TIME = Date.UTC(2026, 10, 1);

/** Demo only: the simulator's root key, read as data from fixtures/keys (public, trusted by nothing else). */
function demoRootKeys(): string[] {
  const path = fileURLToPath(new URL('../../fixtures/keys/demo-keys.json', import.meta.url));
  const keys = JSON.parse(readFileSync(path, 'utf8')) as { keys: Record<string, { publicKeySpkiBase64: string }> };
  const root = keys.keys['root-1'];
  return root ? [root.publicKeySpkiBase64] : [];
}

/** The demo simulator accepts `demo-credential-<kioskId>` (fixtures/platform/server.ts). */
const demoCredential = (kioskId: string) => `demo-credential-${kioskId}`;

/** Checks one part of a platform configuration; throws on what the kiosk must not install. */
export type PlatformConfigCheck = (values: Record<string, unknown>) => void;

/**
 * The platform config as an update target whose `outboxLimits` drive the outbox cap: a malformed cap
 * (or anything `checks` refuses: the service hall, the QR addresses) refuses the config update
 * (semantic check); a good cap applies right after the switch.
 */
export function platformConfigTarget(db: Db, sync: Pick<SyncService, 'setOutboxLimits'>, clock: Clock, checks: readonly PlatformConfigCheck[] = []): UpdateTarget {
  return configTarget(db, {
    clock,
    validate: (values) => {
      limitsFromPlatformConfig(values);
      for (const check of checks) check(values);
    },
    healthy: () => {
      sync.setOutboxLimits(limitsFromPlatformConfig(readPlatformConfig(db)?.values) ?? DEFAULT_OUTBOX_LIMITS);
      return true;
    },
  });
}

export type PlatformLink = {
  client: PlatformClient;
  sync: SyncService;
  /** The platform client as services should use it (refuses while the demo network is cut). */
  queries(): PlatformClient | undefined;
  /** Demo only: cut or restore the kiosk's network to the platform. */
  setNetwork(online: boolean): void;
  /** Starts the periodic heartbeat once the devices can report (the composition root calls it). */
  startHeartbeat(snapshot: HeartbeatSnapshot): void;
  stop(): Promise<void>;
};

/**
 * Connects the kiosk to its central platform: the demo profile starts the simulator as its own
 * process; production reads the credential a technician provisioned and an optional pinned CA.
 * The outbox drains in the background; `sync.status` reaches the UI on every change.
 */
export async function startPlatformLink(deps: {
  config: KioskConfig;
  db: Db;
  clock: Clock;
  ids: IdSource;
  events: EventBus;
  launcher?: PlatformLauncher;
  /** What other services need checked in a platform configuration before it installs. */
  configChecks?: readonly PlatformConfigCheck[];
}): Promise<PlatformLink> {
  const { config } = deps;
  let simulator: PlatformProcess | undefined;
  let baseUrl = config.platform.url;
  if (baseUrl === 'sim') {
    simulator = await (deps.launcher ?? launchPlatformSimulator)(join(config.dataDir, 'platform-simulator'));
    baseUrl = simulator.url;
    log.info({ url: baseUrl }, 'demo platform simulator started');
  }
  let networkUp = true;
  const credential = () => {
    if (!networkUp) throw new KioskError('PLATFORM_UNREACHABLE', 'the demo network is cut');
    if (simulator) return demoCredential(config.kioskId);
    if (!config.platform.credentialFile) throw new KioskError('FORBIDDEN', 'no platform credential is provisioned (platform.credentialFile)');
    return readFileSync(config.platform.credentialFile, 'utf8').trim();
  };
  const client = new PlatformClient({
    baseUrl,
    kioskId: config.kioskId,
    credential,
    clock: deps.clock,
    ...(config.platform.caFile ? { caPem: readFileSync(config.platform.caFile, 'utf8') } : {}),
  });
  // While the demo network is cut, every request fails as an unreachable platform would.
  const gated = new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!networkUp) return Promise.reject(new KioskError('PLATFORM_UNREACHABLE', 'the demo network is cut'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  // The outbox cap from the signed platform config installed last (defaults when it has none).
  let outboxLimits: OutboxLimits | null = null;
  try {
    outboxLimits = limitsFromPlatformConfig(readPlatformConfig(deps.db)?.values);
  } catch (error) {
    log.warn({ err: error }, 'platform config outboxLimits unusable: defaults apply');
  }
  const sync = new SyncService({
    db: deps.db,
    ...(outboxLimits ? { outboxLimits } : {}),
    client: gated,
    clock: deps.clock,
    ids: deps.ids,
    bootId: deps.ids.uuid(),
    onStatus: (status) => deps.events.publish('sync.status', status),
    onAlarm: (alarm) => log.warn(alarm, 'sync alarm'),
    ...(simulator ? { startupDelayMaxMs: 500, pollIntervalMs: 5000 } : {}),
  });
  sync.start();

  // Signed catalogue and config updates: SSE announcements with polling as the fallback.
  const rootKeys = simulator ? demoRootKeys() : config.trust.rootKeys;
  const updater = new SignedUpdater({
    db: deps.db,
    client: gated,
    outbox: sync.outbox,
    clock: deps.clock,
    logger: createLogger('updates'),
    dataDir: config.dataDir,
    appVersion: APP_VERSION,
    buildTime: BUILD_TIME,
    pinned: { rootKeys, threshold: simulator ? 1 : config.trust.threshold },
    targets: [
      catalogueTarget(deps.db, { clock: deps.clock }),
      platformConfigTarget(deps.db, sync, deps.clock, deps.configChecks),
    ],
  });
  const watcher = rootKeys.length > 0 ? new UpdateWatcher({ updater, client: gated, timers: realTimers, random: Math.random, logger: createLogger('updates') }) : undefined;
  if (!watcher) log.warn({}, 'no trusted root keys are configured (trust.rootKeys): catalogue and config updates are off');
  watcher?.start();

  let heartbeat: ReturnType<typeof startHeartbeat> | undefined;
  return {
    client,
    sync,
    startHeartbeat(snapshot) {
      heartbeat = startHeartbeat(sync, snapshot, simulator ? 10_000 : 60_000);
      heartbeat.beat();
    },
    queries: () => (networkUp ? gated : undefined),
    setNetwork(online) {
      if (!simulator) throw new KioskError('FORBIDDEN', 'the network switch exists in the demo profile only');
      networkUp = online;
      if (online) sync.reconnected();
      // Something to send makes the uploader try at once, so the UI learns the state without waiting.
      heartbeat?.beat();
    },
    async stop() {
      heartbeat?.stop();
      watcher?.stop();
      await sync.stop();
      await simulator?.stop();
    },
  };
}
