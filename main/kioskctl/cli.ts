// kioskctl: the technicians' and automation's command line (`npm run kioskctl -- help`).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatalogueError, catalogueSearchCommand, catalogueStatsCommand, installCatalogue, rollbackCatalogue, type InstallResult } from '../catalogue';
import type { KioskConfig } from '../config/schema';
import { catalogueVerifyCommand, syncStatusCommand } from '../sync/kioskctl-commands';
import { Outbox } from '../sync/outbox';
import { pinnedTrust, trustFromRoot, type RootPayload } from '../sync/update-verify';
import { randomIds, systemClock } from '../util/clock';
import { APP_VERSION } from '../version';
import type { SyncStatus } from '../../contract';
import { AuditLog } from '../audit/audit-log';
import { sendControl } from '../control/control-socket';
import { keyIdOf } from '../certificates/certificate-signature';
import { DatabaseError, openDatabase, type Db } from '../db/database';
import { readPublicKey } from '../certificates/kiosk-key';
import { verifyCertificateFile } from '../certificates/verify-pdf';
import { hashCardNumber, hashPin } from '../maintenance/pin';
import { renderSampleCertificate } from './certificate-sample';
import { SELFTEST_DEVICES, selftest, type SelftestDevice, type SelftestResult } from './selftest';
import type { LiveStatus } from './control-commands';
import { formatStatus, readStatus } from './status';
import { EventBus } from '../ipc/event-bus';
import { configureLogging } from '../log/logger';
import { startPlatformLink } from '../sync/platform-link';

const HELP = `kioskctl — look after a 海珠e办事 kiosk

Usage: npm run kioskctl -- <command> [options]

Commands:
  help                      this text
  status [--json]           versions, profile, data directory, database, devices and sync state
  config check <file>       validate a production config file without starting the kiosk
  hash-pin <pin>            the scrypt hash of a technician PIN, for maintenance.pinHash in the config
  hash-card <card number>   the scrypt hash of a technician card, for maintenance.technicianCards
  catalogue stats [--json]  departments, items by level and audience, active and previous version
  catalogue search <query> [--json]
                            the same ranked results the search screen shows
  catalogue rollback        switch back to the previous catalogue version (by the kiosk when it runs)
  catalogue verify <bundle> [--manifest <signed manifest>]
                            each check of a bundle on disk and its result (signature only with --manifest)
  catalogue install <bundle> [--manifest <signed manifest>]
                            verify, then install and switch atomically (by the kiosk when it runs)
  sync status [--json]      outbox backlog, oldest pending event, dead letters
  sync now [--json]         deliver the outbox now: by the running kiosk, or from the data directory
                            when it is stopped (exit 1 when offline)
  audit verify              walk the audit log's hash chain; report the first broken link
  audit export [--since <ISO date>]
                            the audit log as JSON lines (already masked)
  selftest [device] [--json]
                            a real round trip: id-card, ss-card (read a card), ticket-printer,
                            page-printer (print a test ticket/page); all four without a device.
                            Run by the kiosk itself (audited) when it is running
  certificate sample <household|family-planning> [--resident <id>] --out <file.pdf>
                            a certificate for a sample resident from the platform simulator
  verify <certificate.pdf> [--key <public key>]
                            check a printed certificate's signature (this kiosk's key, or --key) and text

The kiosk's settings come from KIOSK_CONFIG (a JSON file) and KIOSK_* variables, as for the kiosk itself.
Exit codes: 0 ok, 1 the check failed, 2 wrong usage.`;

type Output = { code: number; out: string };

export async function run(argv: string[], env: Record<string, string | undefined> = process.env): Promise<Output> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      key: { type: 'string', multiple: true },
      manifest: { type: 'string' },
      since: { type: 'string' },
      resident: { type: 'string' },
      out: { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || values.help) return { code: command && command !== 'help' ? 2 : 0, out: HELP };
  try {
    switch (command) {
      case 'status': {
        const config = loadConfig(env);
        // Files first (safe while the kiosk runs: WAL readers never block it), then the running kiosk's own view.
        const status = { ...readStatus(config), live: await liveStatus(config.dataDir) };
        return { code: 0, out: values.json ? JSON.stringify(status, null, 2) : formatStatus(status) };
      }
      case 'config': {
        const [sub, file] = rest;
        if (sub !== 'check' || !file) return { code: 2, out: 'usage: kioskctl config check <file>' };
        // Checked as the kiosk would read it: defaults, then the file; no KIOSK_* overrides.
        const config = loadConfig({ KIOSK_CONFIG: file, HOME: env.HOME, XDG_DATA_HOME: env.XDG_DATA_HOME });
        return { code: 0, out: `${file}: ok (profile ${config.profile}, kiosk ${config.kioskId})` };
      }
      case 'hash-card': {
        const [card] = rest;
        if (!card || !/^[A-Za-z0-9]{6,20}$/.test(card.trim())) return { code: 2, out: 'usage: kioskctl hash-card <technician card number>' };
        return { code: 0, out: hashCardNumber(card) };
      }
      case 'hash-pin': {
        const [pin] = rest;
        if (!pin || !/^\d{4,12}$/.test(pin)) return { code: 2, out: 'usage: kioskctl hash-pin <4 to 12 digits>' };
        return { code: 0, out: hashPin(pin) };
      }
      case 'catalogue':
        return await catalogueCommand(rest, Boolean(values.json), loadConfig(env), values.manifest as string | undefined);
      case 'certificate': {
        const [sub, type] = rest;
        if (sub !== 'sample' || (type !== 'household' && type !== 'family-planning') || !values.out) {
          return { code: 2, out: 'usage: kioskctl certificate sample <household|family-planning> [--resident <id>] --out <file.pdf>' };
        }
        const made = await renderSampleCertificate(loadConfig(env), type, values.resident as string | undefined, values.out as string);
        return { code: 0, out: `${values.out as string}: ${type} certificate ${made.number} for sample resident ${made.resident}, verification code ${made.verificationCode}` };
      }
      case 'audit': {
        const [sub] = rest;
        const path = join(loadConfig(env).dataDir, 'kiosk.db');
        if (!existsSync(path)) return { code: 1, out: 'no kiosk database yet: start the kiosk once first' };
        if (sub === 'verify') {
          const check = withDb(path, true, (db) => new AuditLog(db, systemClock).verify());
          if (values.json) return { code: check.ok ? 0 : 1, out: JSON.stringify(check, null, 2) };
          return check.ok
            ? { code: 0, out: `audit log intact: ${check.rows} entries, every link verified` }
            : { code: 1, out: `audit log BROKEN at entry ${check.brokenAt}: ${check.reason} (${check.rows} entries read)` };
        }
        if (sub === 'export') {
          const since = values.since ? Date.parse(values.since as string) : 0;
          if (Number.isNaN(since)) return { code: 2, out: `--since ${String(values.since)} is not a date (e.g. 2026-11-01 or 2026-11-01T08:00:00Z)` };
          const entries = withDb(path, true, (db) => new AuditLog(db, systemClock).since(since));
          return { code: 0, out: entries.map((e) => JSON.stringify({ ...e, at: new Date(e.at).toISOString() })).join('\n') };
        }
        return { code: 2, out: 'usage: kioskctl audit verify | audit export [--since <date>]' };
      }
      case 'sync': {
        const [sub] = rest;
        const dataDir = loadConfig(env).dataDir;
        if (sub === 'now') {
          // The running kiosk delivers its own outbox; with the kiosk stopped, the same platform link
          // runs here on the data directory for one delivery round.
          const status = ((await sendControl(dataDir, 'sync.now')) as SyncStatus | undefined) ?? (await syncStopped(loadConfig(env)));
          if (!status) return { code: 1, out: 'no kiosk database yet: start the kiosk once first' };
          return {
            code: status.online ? 0 : 1,
            out: values.json ? JSON.stringify(status, null, 2) : `${status.online ? 'online' : 'OFFLINE'}: ${status.pending} pending, ${status.deadLetters} dead letters, last success ${status.lastSuccessAt ?? 'never'}`,
          };
        }
        if (sub !== 'status') return { code: 2, out: 'usage: kioskctl sync status|now [--json]' };
        const path = join(dataDir, 'kiosk.db');
        if (!existsSync(path)) return { code: 1, out: 'no kiosk database yet: start the kiosk once first' };
        const report = withDb(path, true, (db) => syncStatusCommand(new Outbox(db, { clock: systemClock, ids: randomIds, bootId: 'kioskctl' }), Date.now()));
        if (values.json) return { code: 0, out: JSON.stringify(report, null, 2) };
        return {
          code: 0,
          out: `${report.pending} pending (${report.pendingBytes} bytes)${report.oldestPendingAgeMs === null ? '' : `, oldest ${Math.round(report.oldestPendingAgeMs / 1000)} s old`}; last success ${report.lastSuccessAt ?? 'never'}; ${report.deadLetters} dead letters; ${report.acknowledgedRetained} acknowledged kept for re-send`,
        };
      }
      case 'selftest': {
        const config = loadConfig(env);
        const wanted = rest[0] ? [rest[0]] : [...SELFTEST_DEVICES];
        if (!wanted.every((d): d is SelftestDevice => (SELFTEST_DEVICES as readonly string[]).includes(d))) {
          return { code: 2, out: `usage: kioskctl selftest [${SELFTEST_DEVICES.join('|')}] [--json]` };
        }
        const results: SelftestResult[] = [];
        // A running kiosk holds the devices: it runs the test itself (audited like the screen's).
        for (const device of wanted) results.push((await liveSelftest(config.dataDir, device)) ?? (await selftest(device, config)));
        const ok = results.every((r) => r.ok);
        const out = values.json
          ? JSON.stringify(results, null, 2)
          : results.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.device.padEnd(15)} ${r.detail} (${r.ms} ms)`).join('\n');
        return { code: ok ? 0 : 1, out };
      }
      case 'verify': {
        const [file] = rest;
        if (!file) return { code: 2, out: 'usage: kioskctl verify <certificate.pdf> [--key <public key>]' };
        const keys = trustedKeys(loadConfig(env).dataDir, (values.key as string[] | undefined) ?? []);
        const result = verifyCertificateFile(file, keys);
        if (values.json) return { code: result.ok && result.textMatches !== false ? 0 : 1, out: JSON.stringify(result, null, 2) };
        if (!result.ok) return { code: 1, out: `${file}: NOT valid (${result.reason})` };
        if (result.textMatches === false) return { code: 1, out: `${file}: signature valid, but the printed text was altered` };
        const p = result.payload;
        return {
          code: 0,
          out: `${file}: valid — ${p.t === 'H' ? '户籍证明' : '婚育情况证明'} ${p.n}, issued ${p.d} by kiosk ${p.k} for ${p.m}, verification code ${result.code}${result.textMatches === null ? ' (text not checked: install poppler-utils)' : ''}`,
        };
      }
      default:
        return { code: 2, out: `unknown command "${command}"\n\n${HELP}` };
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogueError || error instanceof DatabaseError) return { code: 1, out: error.message };
    // A technician's tool answers in one line; the reason is what they need, not a stack trace.
    if (error instanceof Error) return { code: 1, out: `kioskctl ${command}: ${error.message}` };
    throw error;
  }
}

async function catalogueCommand(args: string[], json: boolean, config: KioskConfig, manifest: string | undefined): Promise<Output> {
  const [sub, ...words] = args;
  const dataDir = config.dataDir;
  const path = join(dataDir, 'kiosk.db');
  if (!existsSync(path)) return { code: 1, out: `no kiosk database in ${dataDir}: start the kiosk once first` };
  switch (sub) {
    case 'stats': {
      const stats = withDb(path, true, (db) => catalogueStatsCommand(db));
      if (json) return { code: 0, out: JSON.stringify(stats, null, 2) };
      const active = stats.active ? `version ${stats.active.bundleVersion} (installed ${stats.active.installedAt} from ${stats.active.source})` : 'none installed';
      return {
        code: 0,
        out: [
          `catalogue   ${active}`,
          `previous    ${stats.previous ? `version ${stats.previous.bundleVersion}` : 'none'}`,
          `content     ${stats.departments} departments, ${stats.items} items (district ${stats.byLevel.district}, street ${stats.byLevel.street}; personal ${stats.byAudience.personal}, legal ${stats.byAudience.legal}), ${stats.forms} forms`,
        ].join('\n'),
      };
    }
    case 'search': {
      const query = words.join(' ');
      if (!query) return { code: 2, out: 'usage: kioskctl catalogue search <query> [--json]' };
      const results = withDb(path, true, (db) => catalogueSearchCommand(db, { query }));
      if (json) return { code: 0, out: JSON.stringify(results, null, 2) };
      return { code: 0, out: results.map((r, i) => `${String(i + 1).padStart(2)}. ${r.marked}  (${r.item.departmentName}, ${r.matchedBy})`).join('\n') || 'no results' };
    }
    case 'verify':
    case 'install': {
      const [bundle] = words;
      if (!bundle) return { code: 2, out: `usage: kioskctl catalogue ${sub} <bundle dir> [--manifest <signed manifest>]` };
      const steps = withDb(path, true, (db) =>
        catalogueVerifyCommand(db, bundle, { ...(manifest ? { signedManifestPath: manifest, trust: currentTrust(db, config) } : {}), now: Date.now(), appVersion: APP_VERSION }),
      );
      const failed = steps.filter((s) => !s.ok && !(s.check === 'signature' && !manifest));
      const report = steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.check.padEnd(13)} ${s.detail}`).join('\n');
      if (sub === 'verify' || failed.length > 0) {
        return { code: failed.length > 0 ? 1 : 0, out: json ? JSON.stringify(steps, null, 2) : report };
      }
      // A running kiosk installs it itself (audited; its screens read the new version at once).
      const live = (await sendControl(dataDir, 'catalogue.install', { bundle: resolve(bundle) })) as InstallResult | undefined;
      const result = live ?? withDb(path, false, (db) => installCatalogue(db, bundle, { source: `kioskctl:${bundle}` }));
      return { code: 0, out: `${report}\ninstalled catalogue version ${result.bundleVersion} (${result.items} items)${live ? ' by the running kiosk' : ''}` };
    }
    case 'rollback': {
      const live = (await sendControl(dataDir, 'catalogue.rollback')) as { bundleVersion: number } | undefined;
      const result = live ?? withDb(path, false, (db) => rollbackCatalogue(db));
      return { code: 0, out: `rolled back to catalogue version ${result.bundleVersion}${live ? ' by the running kiosk' : ''}` };
    }
    default:
      return { code: 2, out: 'usage: kioskctl catalogue stats|search <query>|verify <bundle>|install <bundle>|rollback' };
  }
}

/** The newest root the kiosk trusts: from the database once an update ran, else the pinned keys. */
function currentTrust(db: Db, config: KioskConfig) {
  const stored = db.prepare('SELECT payload FROM update_roots ORDER BY version DESC LIMIT 1').pluck().get() as Buffer | undefined;
  if (stored) return trustFromRoot(JSON.parse(stored.toString('utf8')) as RootPayload);
  return pinnedTrust(config.trust.rootKeys, config.trust.threshold);
}

/** The running kiosk's live status over the control socket; null when it is not running or does not answer. */
async function liveStatus(dataDir: string): Promise<LiveStatus | null> {
  try {
    return ((await sendControl(dataDir, 'status', {}, 10_000)) as LiveStatus | undefined) ?? null;
  } catch {
    return null;
  }
}

/** One delivery round from the data directory while the kiosk is stopped (the kiosk's own platform link). */
async function syncStopped(config: KioskConfig): Promise<SyncStatus | undefined> {
  const path = join(config.dataDir, 'kiosk.db');
  if (!existsSync(path)) return undefined;
  // A technician's terminal wants the answer, not the link's log lines (errors still show).
  configureLogging({ level: config.log.level === 'debug' ? 'debug' : 'error' });
  const db = openDatabase(path);
  try {
    const link = await startPlatformLink({ config, db, clock: systemClock, ids: randomIds, events: new EventBus() });
    try {
      const status = await link.sync.syncNow();
      if (status.online || status.pending > 0) return status;
      // Nothing was pending, so nothing was sent: one authenticated request tells whether the platform answers.
      const reached = await link.client.getTimestamp(null).then(
        () => true,
        () => false,
      );
      return { ...status, online: reached };
    } finally {
      await link.stop();
    }
  } finally {
    db.close();
  }
}

/** The running kiosk's own self-test (control socket); undefined when no kiosk is running. */
async function liveSelftest(dataDir: string, device: SelftestDevice): Promise<SelftestResult | undefined> {
  const answer = (await sendControl(dataDir, 'selftest', { device }, 120_000)) as { ok: boolean; detail: string; ms: number } | undefined;
  return answer && { device, ok: answer.ok, detail: answer.detail, ms: answer.ms };
}

function withDb<T>(path: string, readonly: boolean, run: (db: Db) => T): T {
  const db = openDatabase(path, { readonly, migrate: !readonly });
  try {
    return run(db);
  } finally {
    db.close();
  }
}

function trustedKeys(dataDir: string, extra: string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  const own = readPublicKey(dataDir);
  if (own) keys[own.keyId] = own.publicKey;
  for (const key of extra) keys[keyIdOf(key)] = key;
  return keys;
}

// `npm run kioskctl -- …` runs this file; the packaged app runs the same `run()` (main/shell/kioskctl-mode.ts).
// No top-level await: the Electron main bundle is CommonJS.
if (import.meta.url === `file://${process.argv[1]}`) {
  void (async () => {
    try {
      const { code, out } = await run(process.argv.slice(2));
      (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
      process.exitCode = code;
    } catch (error) {
      process.stderr.write(`kioskctl: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  })();
}
