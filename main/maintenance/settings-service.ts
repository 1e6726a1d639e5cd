import { KioskError } from '../../contract';
import { technicianSettingsSchema, type TechnicianSettings } from '../../contract/maintenance';
import type { KioskConfig } from '../config/schema';
import { writeTechnicianSettings } from '../config/technician-settings-file';
import type { Clock } from '../util/clock';
import { audited, type AuditedDeps } from './audited';

export type SettingChange = { key: string; before: string | number; after: string | number };
export type SaveResult = { changed: string[]; restartNeeded: string[] };

/**
 * The settings a technician may change (device ports, printer URI, idle timeouts, volume). A save
 * is validated, written to <dataDir>/settings.json (read at every start, see config/load.ts), and
 * audited with before and after in the same transaction as its outbox event. Idle and volume
 * apply to the next visit at once (app.info reads the live config); device settings at restart
 * (current() shows the saved values; `restartNeeded` says which are not in force yet).
 */
export class SettingsService {
  constructor(
    private readonly config: KioskConfig,
    private readonly deps: AuditedDeps,
    private readonly clock: Clock,
  ) {}

  current(): TechnicianSettings {
    const { devices, idle, voice } = this.config;
    return { devices: { ...devices }, idle: { ...idle }, voice: { ...voice } };
  }

  save(input: unknown): SaveResult {
    const parsed = technicianSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KioskError('SETTING_INVALID', issue?.message ?? 'invalid setting', { field: issue?.path.join('.') ?? '' });
    }
    const next = parsed.data;
    const changes = diff(this.current(), next);
    if (changes.length === 0) return { changed: [], restartNeeded: [] };
    const restartNeeded = changes.map((c) => c.key).filter((k) => k.startsWith('devices.'));
    audited(
      this.deps,
      'maintenance.settings',
      () => {
        this.deps.db
          .prepare('INSERT INTO settings_changes (at, before, after) VALUES (?, ?, ?)')
          .run(this.clock.now(), JSON.stringify(Object.fromEntries(changes.map((c) => [c.key, c.before]))), JSON.stringify(Object.fromEntries(changes.map((c) => [c.key, c.after]))));
        // Inside the transaction: if the file cannot be written, nothing is recorded as changed.
        writeTechnicianSettings(this.config.dataDir, next);
      },
      () => ({ changes, restartNeeded }),
    );
    // Live from now on for what does not need a restart (the next visit's app.info).
    this.config.idle = { ...next.idle };
    // New objects, not edits: the device hub keeps the object it started with until the restart.
    this.config.devices = { ...next.devices };
    this.config.voice = { ...next.voice };
    return { changed: changes.map((c) => c.key), restartNeeded };
  }
}

function diff(before: TechnicianSettings, after: TechnicianSettings): SettingChange[] {
  const changes: SettingChange[] = [];
  for (const section of ['devices', 'idle', 'voice'] as const) {
    const a = before[section] as Record<string, string | number>;
    const b = after[section] as Record<string, string | number>;
    for (const key of Object.keys(b)) {
      const was = a[key];
      const now = b[key];
      if (now !== undefined && was !== now) changes.push({ key: `${section}.${key}`, before: was ?? '', after: now });
    }
  }
  return changes;
}
