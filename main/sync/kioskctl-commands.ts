import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncStatus } from '../../contract/channels';
import { catalogueStats, readBundle } from '../catalogue';
import type { Db } from '../db/database';
import type { Outbox } from './outbox';
import type { SyncService } from './sync-service';
import { checkCompatible, checkExpiry, parsePayload, sha256Hex, UpdateCheckError, verifyEnvelope, type ManifestPayload, type Trust } from './update-verify';

// Pure functions behind `kioskctl sync status|now [--json]` and `kioskctl catalogue verify <bundle>`;
// the CLI opens the database (or asks the running kiosk) and prints what these return.

export type SyncStatusReport = SyncStatus & { acknowledgedRetained: number; pendingBytes: number; deadLetterList: ReturnType<Outbox['deadLetters']> };

export function syncStatusCommand(outbox: Outbox, now: number, online = false): SyncStatusReport {
  const s = outbox.stats();
  const r = outbox.retention();
  const c = outbox.capacity();
  const last = outbox.state('last_success_at');
  return {
    online,
    pending: s.pending,
    oldestPendingAgeMs: s.oldestPendingAt === null ? null : Math.max(0, now - s.oldestPendingAt),
    lastSuccessAt: last === null ? null : new Date(last).toISOString(),
    deadLetters: s.deadLetters,
    outboxLimit: { level: c.level, pendingBytes: c.pendingBytes, shedEvents: c.shedEvents, refusedEvents: c.refusedEvents },
    acknowledgedRetained: r.acked,
    pendingBytes: r.pendingBytes,
    deadLetterList: outbox.deadLetters(),
  };
}

export async function syncNowCommand(service: Pick<SyncService, 'syncNow'>): Promise<SyncStatus> {
  return service.syncNow();
}

export type VerifyStep = { check: string; ok: boolean; detail: string };

/**
 * `kioskctl catalogue verify <bundle>`: the §6 checks that apply to a bundle on disk, each with its
 * result. With `signedManifest` (the platform's envelope for this bundle) and `trust`, the signature,
 * expiry and per-file hashes against the manifest are checked too.
 */
export function catalogueVerifyCommand(
  db: Db,
  bundleDir: string,
  options: { signedManifestPath?: string; trust?: Trust; now: number; appVersion: string },
): VerifyStep[] {
  const steps: VerifyStep[] = [];
  const step = (check: string, run: () => string) => {
    try {
      steps.push({ check, ok: true, detail: run() });
      return true;
    } catch (error) {
      steps.push({ check, ok: false, detail: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  let manifest: ManifestPayload | null = null;
  if (options.signedManifestPath && options.trust) {
    const trust = options.trust;
    const path = options.signedManifestPath;
    step('signature', () => {
      manifest = parsePayload<ManifestPayload>(verifyEnvelope(readFileSync(path), 'catalogue', [trust], 2 * 1024 * 1024), 'catalogue');
      return `manifest v${manifest.version} signed by trusted catalogue keys`;
    });
  } else {
    steps.push({ check: 'signature', ok: false, detail: 'no signed manifest given: a local bundle can be checked but not authenticated' });
  }
  const m = manifest as ManifestPayload | null;
  if (m) {
    step('expiry', () => (checkExpiry(`manifest v${m.version}`, m.expires, options.now), `valid until ${m.expires}`));
    step('compatibility', () => (checkCompatible(m.minAppVersion, options.appVersion), `needs app ${m.minAppVersion}, have ${options.appVersion}`));
    step('files', () => {
      for (const f of m.files) {
        const bytes = readFileSync(join(bundleDir, f.path));
        if (bytes.byteLength !== f.length || sha256Hex(bytes) !== f.sha256) throw new UpdateCheckError('file', `${f.path} does not match the manifest`);
      }
      return `${m.files.length} files match their length and SHA-256`;
    });
  }
  let version = 0;
  const readable = step('semantic', () => {
    const { bundle } = readBundle(bundleDir);
    version = bundle.version;
    return `bundle format ${bundle.format} v${bundle.version}: ${bundle.items.length} items, ${bundle.departments.length} departments, ${bundle.forms.length} forms; every form file matches its hash`;
  });
  if (readable) {
    step('version', () => {
      const installed = catalogueStats(db).active?.bundleVersion ?? 0;
      if (version <= installed) throw new UpdateCheckError('version', `v${version} is not newer than the installed v${installed}`);
      if (m && m.version !== version) throw new UpdateCheckError('version', `manifest says v${m.version}, bundle v${version}`);
      return `v${version} is newer than the installed v${installed}`;
    });
  }
  return steps;
}
