import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KioskError } from '../../contract/errors';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { Clock } from '../util/clock';
import type { Outbox } from './outbox';
import type { PlatformClient } from './platform-client';
import {
  checkCompatible,
  checkExpiry,
  checkFilePath,
  MAX_BYTES,
  parsePayload,
  pinnedTrust,
  sha256Hex,
  trustFromRoot,
  UpdateCheckError,
  verifyEnvelope,
  type CheckName,
  type ManifestPayload,
  type RootPayload,
  type TimestampPayload,
  type Trust,
} from './update-verify';

// Signed catalogue and config updates (SYNC.md §6). Per check: root chain (rotation), timestamp,
// then per role the manifest, its files into staging, semantic validation, one atomic switch, a
// health check with rollback, and a report through the outbox. Any failure leaves the current
// version serving and records which check refused what.

export type UpdateRole = 'catalogue' | 'config';

/** What an updatable thing (the catalogue, the platform config) provides to the updater. */
export type UpdateTarget = {
  role: UpdateRole;
  /** Version serving now (0 = none). */
  installedVersion(): number;
  /** Check 7: the staged files make a valid bundle of this version (throws otherwise). */
  validate(stagingDir: string, manifest: ManifestPayload): void | Promise<void>;
  /** Check 8: one atomic switch; the previous version stays for rollback. */
  install(stagingDir: string, manifest: ManifestPayload): void | Promise<void>;
  rollback(): void;
  /** Check 9: the new version works (e.g. search answers). */
  healthy(): boolean | Promise<boolean>;
};

export type UpdateOutcome = {
  role: UpdateRole | 'root' | 'timestamp';
  version: number | null;
  outcome: 'installed' | 'rejected' | 'rolled_back' | 'up_to_date';
  check?: CheckName;
  reason?: string;
};

export type SignedUpdaterOptions = {
  db: Db;
  client: Pick<PlatformClient, 'getTimestamp' | 'getRoot' | 'getManifest' | 'getBlob'>;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** Where staging directories go (`<dataDir>/updates/staging/<role>-<version>`). */
  dataDir: string;
  appVersion: string;
  /** When this app was built: expiry is never judged against an earlier time. */
  buildTime: number;
  /** Root keys pinned in the build/config, trusted until root metadata replaces them. */
  pinned: { rootKeys: readonly string[]; threshold: number };
  targets: readonly UpdateTarget[];
  /**
   * Disk needed before staging starts, as a multiple of the manifest's total file bytes (staging 1× +
   * the SQLite import with its WAL, measured at ~3× for the demo bundle) plus a fixed margin, so a
   * near-full disk refuses the update up front instead of filling up mid-import. Default 4× + 8 MiB.
   */
  space?: { factor: number; marginBytes: number; free?: (dir: string) => number };
  /** Writes one staged file durably (default: temp file + fsync + rename + dir fsync). A seam for fault tests. */
  writeFile?: (path: string, bytes: Buffer) => void;
};

const DEFAULT_SPACE = { factor: 4, marginBytes: 8 * 1024 * 1024 };

/** Free bytes for an unprivileged writer on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** ENOSPC / EDQUOT / EFBIG from the file system, SQLITE_FULL from SQLite: the disk, not the update. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' || code === 'SQLITE_FULL';
}

export class SignedUpdater {
  private running: Promise<UpdateOutcome[]> | null = null;

  constructor(private readonly o: SignedUpdaterOptions) {}

  /** One full check; concurrent callers (SSE + poll) share it. */
  checkNow(): Promise<UpdateOutcome[]> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Versions the kiosk trusts and runs, for status screens and kioskctl. */
  state(): { rootVersion: number; versions: { role: string; installed: number; highestSeen: number }[] } {
    const root = this.o.db.prepare('SELECT MAX(version) AS v FROM update_roots').get() as { v: number | null };
    const versions = this.o.db.prepare('SELECT role, installed, highest_seen AS highestSeen FROM update_versions ORDER BY role').all() as {
      role: string;
      installed: number;
      highestSeen: number;
    }[];
    return { rootVersion: root.v ?? 0, versions };
  }

  private async run(): Promise<UpdateOutcome[]> {
    // One check at a time: anything left in staging is from a run that was killed. Removing it
    // first means a kill mid-download can never pin disk space for ever.
    rmSync(join(this.o.dataDir, 'updates', 'staging'), { recursive: true, force: true });
    let trust: Trust;
    let timestamp: TimestampPayload;
    let phase: 'root' | 'timestamp' = 'root';
    try {
      trust = await this.updateRoot();
      phase = 'timestamp';
      timestamp = await this.fetchTimestamp(trust);
    } catch (error) {
      // Nothing is installed; the current catalogue and config keep serving.
      return [this.report(phase, null, error)];
    }
    const outcomes: UpdateOutcome[] = [];
    for (const target of this.o.targets) outcomes.push(await this.updateRole(target, timestamp[target.role], trust));
    return outcomes;
  }

  /** The time expiry is judged against: never below server time seen or the build time. */
  private timeFloor(): number {
    return Math.max(this.o.clock.now(), this.o.outbox.state('max_server_time_seen') ?? 0, this.o.buildTime);
  }

  // ── root rotation (TUF §5.3): N+1 must satisfy N's root threshold and its own ─────────────────

  private async updateRoot(): Promise<Trust> {
    const stored = this.o.db.prepare('SELECT version, payload FROM update_roots ORDER BY version DESC LIMIT 1').get() as { version: number; payload: Buffer } | undefined;
    let current: Trust = stored ? trustFromRoot(JSON.parse(stored.payload.toString('utf8')) as RootPayload) : pinnedTrust(this.o.pinned.rootKeys, this.o.pinned.threshold);
    let version = stored?.version ?? 0;
    let latest: RootPayload | null = stored ? (JSON.parse(stored.payload.toString('utf8')) as RootPayload) : null;
    for (let hops = 0; hops < 32; hops++) {
      const bytes = await capped('root', () => this.o.client.getRoot(version + 1, MAX_BYTES.root + 1));
      if (!bytes) break;
      const signedByOld = verifyEnvelope(bytes, 'root', [current], MAX_BYTES.root);
      const next = parsePayload<RootPayload>(signedByOld, 'root');
      if (next.version !== version + 1) throw new UpdateCheckError('version', `root: expected version ${version + 1}, got ${next.version}`);
      verifyEnvelope(bytes, 'root', [trustFromRoot(next)], MAX_BYTES.root);
      this.o.db.prepare('INSERT INTO update_roots (version, payload, trusted_at) VALUES (?, ?, ?)').run(next.version, signedByOld, this.o.clock.now());
      this.o.logger.info({ version: next.version }, 'trusted a new root metadata version');
      current = trustFromRoot(next);
      version = next.version;
      latest = next;
    }
    if (!latest) throw new UpdateCheckError('signature', 'root: no root metadata verified against the pinned keys');
    checkExpiry(`root v${latest.version}`, latest.expires, this.timeFloor());
    return current;
  }

  private async fetchTimestamp(trust: Trust): Promise<TimestampPayload> {
    const got = await capped('timestamp', () => this.o.client.getTimestamp(null, MAX_BYTES.timestamp + 1));
    if (got.notModified) throw new UpdateCheckError('envelope', 'timestamp: unexpected 304');
    const timestamp = parsePayload<TimestampPayload>(verifyEnvelope(got.bytes, 'timestamp', [trust], MAX_BYTES.timestamp), 'timestamp');
    const seen = this.versionRow('timestamp');
    if (timestamp.version < seen.highestSeen) throw new UpdateCheckError('version', `timestamp v${timestamp.version} is older than v${seen.highestSeen} seen before (replay)`);
    checkExpiry(`timestamp v${timestamp.version}`, timestamp.expires, this.timeFloor());
    this.saveVersion('timestamp', timestamp.version, timestamp.version);
    return timestamp;
  }

  // ── one role ─────────────────────────────────────────────────────────────────────────────

  private async updateRole(target: UpdateTarget, ref: TimestampPayload['catalogue'], trust: Trust): Promise<UpdateOutcome> {
    const row = this.versionRow(target.role, target.installedVersion());
    const installed = target.installedVersion();
    if (ref.version === installed) return { role: target.role, version: ref.version, outcome: 'up_to_date' };
    const staging = join(this.o.dataDir, 'updates', 'staging', `${target.role}-${ref.version}`);
    try {
      if (ref.version < Math.max(installed, row.highestSeen)) {
        throw new UpdateCheckError('version', `${target.role} v${ref.version} is older than v${Math.max(installed, row.highestSeen)} (rollback refused)`);
      }
      const bad = this.o.db.prepare('SELECT reason FROM update_bad_versions WHERE role = ? AND version = ?').get(target.role, ref.version) as { reason: string } | undefined;
      if (bad) throw new UpdateCheckError('version', `${target.role} v${ref.version} failed before (${bad.reason}); waiting for a newer version`);
      const manifest = await this.fetchManifest(target.role, ref, trust);
      // Equal to the highest seen is allowed: a verified version whose download failed is retried.
      if (manifest.version <= installed || manifest.version < row.highestSeen) {
        throw new UpdateCheckError('version', `${target.role} v${manifest.version} is not newer than v${Math.max(installed, row.highestSeen)}`);
      }
      this.saveVersion(target.role, installed, manifest.version);
      checkExpiry(`${target.role} v${manifest.version}`, manifest.expires, this.timeFloor());
      checkCompatible(manifest.minAppVersion, this.o.appVersion);
      this.checkSpace(target.role, manifest);
      await this.stage(manifest, staging);
      try {
        await target.validate(staging, manifest);
      } catch (error) {
        throw error instanceof UpdateCheckError ? error : new UpdateCheckError('semantic', `${target.role} v${manifest.version}: ${(error as Error).message}`);
      }
      try {
        // One transaction: a full disk rolls it back and the current version keeps serving.
        await target.install(staging, manifest);
      } catch (error) {
        if (isDiskFull(error)) throw new UpdateCheckError('space', `${target.role} v${manifest.version}: the disk filled up during the import (${(error as Error).message}); nothing was switched`);
        throw error;
      }
      this.saveVersion(target.role, manifest.version, manifest.version);
      let healthy = false;
      try {
        healthy = await target.healthy();
      } catch {
        healthy = false;
      }
      if (!healthy) {
        target.rollback();
        this.o.db.prepare('INSERT OR REPLACE INTO update_bad_versions (role, version, reason, at) VALUES (?, ?, ?, ?)').run(target.role, manifest.version, 'health check failed', this.o.clock.now());
        this.saveVersion(target.role, target.installedVersion(), manifest.version);
        return this.report(target.role, manifest.version, new UpdateCheckError('health', `${target.role} v${manifest.version} failed its health check: rolled back to v${target.installedVersion()}`), 'rolled_back');
      }
      return this.report(target.role, manifest.version, null);
    } catch (error) {
      // Free the staging space first: after a full disk, the verdict itself needs room to be recorded.
      rmSync(staging, { recursive: true, force: true });
      return this.report(target.role, ref.version, error);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /** Refuses an update the disk cannot hold, before any byte is written. */
  private checkSpace(role: UpdateRole, manifest: ManifestPayload): void {
    const space = { ...DEFAULT_SPACE, ...this.o.space };
    const files = manifest.files.reduce((n, f) => n + f.length, 0);
    const need = Math.ceil(files * space.factor) + space.marginBytes;
    mkdirSync(this.o.dataDir, { recursive: true });
    const free = (space.free ?? freeBytes)(this.o.dataDir);
    if (free < need) {
      throw new UpdateCheckError('space', `${role} v${manifest.version} needs about ${need} bytes free (files ${files} × ${space.factor} + ${space.marginBytes}), ${free} are free`);
    }
  }

  private async fetchManifest(role: UpdateRole, ref: TimestampPayload['catalogue'], trust: Trust): Promise<ManifestPayload> {
    if (ref.length > MAX_BYTES.manifest) throw new UpdateCheckError('size', `${role} manifest claims ${ref.length} bytes, over the cap`);
    const bytes = await capped(`${role} manifest`, () => this.o.client.getManifest(role, ref.version, ref.length + 1));
    if (bytes.byteLength !== ref.length || sha256Hex(bytes) !== ref.sha256) {
      throw new UpdateCheckError('file', `${role} manifest v${ref.version} does not match the length and SHA-256 in the timestamp`);
    }
    const manifest = parsePayload<ManifestPayload>(verifyEnvelope(bytes, role, [trust], MAX_BYTES.manifest), role);
    if (manifest.version !== ref.version) throw new UpdateCheckError('version', `${role} manifest says v${manifest.version}, the timestamp v${ref.version}`);
    if (!Array.isArray(manifest.files)) throw new UpdateCheckError('payload', `${role} manifest lists no files`);
    return manifest;
  }

  /** Check 6: every file downloaded, length- and hash-checked, written durably into staging. */
  private async stage(manifest: ManifestPayload, staging: string): Promise<void> {
    rmSync(staging, { recursive: true, force: true });
    for (const file of manifest.files) {
      checkFilePath(file.path);
      let bytes: Buffer;
      try {
        bytes = await this.o.client.getBlob(file.sha256, file.length);
      } catch (error) {
        if (error instanceof KioskError && error.detail?.cause === 'too_long') throw new UpdateCheckError('file', `${file.path}: longer than the ${file.length} bytes listed`);
        throw error;
      }
      if (bytes.byteLength !== file.length) throw new UpdateCheckError('file', `${file.path}: ${bytes.byteLength} bytes, manifest lists ${file.length}`);
      if (sha256Hex(bytes) !== file.sha256) throw new UpdateCheckError('file', `${file.path}: SHA-256 differs from the manifest`);
      try {
        (this.o.writeFile ?? writeDurably)(join(staging, file.path), bytes);
      } catch (error) {
        if (isDiskFull(error)) throw new UpdateCheckError('space', `${file.path}: the disk is full while staging (${(error as Error).message})`);
        throw error;
      }
    }
  }

  // ── bookkeeping ──────────────────────────────────────────────────────────────────────────

  private versionRow(role: string, installed = 0): { installed: number; highestSeen: number } {
    const row = this.o.db.prepare('SELECT installed, highest_seen FROM update_versions WHERE role = ?').get(role) as { installed: number; highest_seen: number } | undefined;
    return row ? { installed: row.installed, highestSeen: row.highest_seen } : { installed, highestSeen: installed };
  }

  private saveVersion(role: string, installed: number, seen: number): void {
    this.o.db
      .prepare(
        `INSERT INTO update_versions (role, installed, highest_seen, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (role) DO UPDATE SET installed = excluded.installed, highest_seen = MAX(highest_seen, excluded.highest_seen), updated_at = excluded.updated_at`,
      )
      .run(role, installed, seen, this.o.clock.now());
  }

  /** Records the outcome and reports it to the platform in one transaction. */
  private report(role: UpdateOutcome['role'], version: number | null, error: unknown, outcome?: UpdateOutcome['outcome']): UpdateOutcome {
    const check = error instanceof UpdateCheckError ? error.check : undefined;
    const reason = error === null ? undefined : error instanceof Error ? error.message : String(error);
    const result: UpdateOutcome = {
      role,
      version,
      outcome: outcome ?? (error === null ? 'installed' : 'rejected'),
      ...(check ? { check } : {}),
      ...(reason ? { reason } : {}),
    };
    // A network failure is not a verdict on the update: log it, retry on the next poll.
    const verdict = error === null || error instanceof UpdateCheckError;
    if (verdict) {
      try {
        this.o.db.transaction(() => {
          this.o.db
            .prepare('INSERT INTO update_attempts (role, version, outcome, failed_check, reason, at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(role, version, result.outcome, check ?? null, reason ?? null, this.o.clock.now());
          this.o.outbox.enqueueIn(this.o.db, { stream: 'catalogue', type: `update.${result.outcome}`, payload: { role, version, check: check ?? null, reason: reason ?? null } });
        })();
      } catch (recordError) {
        // A disk still full (or an outbox at its cap) must not turn a verdict into a crash: the
        // verdict stands and the log keeps it; a refused version is checked (and recorded) again.
        this.o.logger.error({ err: recordError, role, version, check }, 'update verdict not recorded');
      }
    }
    if (result.outcome === 'installed') this.o.logger.info({ role, version }, 'update installed');
    else this.o.logger.warn({ role, version, check, reason }, `update ${result.outcome}`);
    return result;
  }
}

/** Check 1 (endless data): the client cut the body at its cap. */
async function capped<T>(what: string, fetch: () => Promise<T>): Promise<T> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof KioskError && error.detail?.cause === 'too_long') throw new UpdateCheckError('size', `${what}: longer than its size cap`);
    throw error;
  }
}

/** temp file + fsync + rename + fsync of the directory (SYNC.md §6 step 6). */
export function writeDurably(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.partial`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
