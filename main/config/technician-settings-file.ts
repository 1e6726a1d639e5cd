import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './load';

/**
 * The settings a technician changed on the maintenance screen, in <dataDir>/settings.json.
 * loadConfig reads them between the config file and the KIOSK_* environment (see load.ts), so they
 * survive a restart. Only these sections are taken from the file; anything else in it is refused.
 */
export const TECHNICIAN_SETTINGS_FILE = 'settings.json';
const SECTIONS = new Set(['devices', 'idle', 'voice']);

export function readTechnicianSettings(dataDir: string): Record<string, unknown> {
  const path = join(dataDir, TECHNICIAN_SETTINGS_FILE);
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('(settings.json)', `technician settings ${path} are not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('(settings.json)', `technician settings ${path} must hold a JSON object`);
  }
  for (const key of Object.keys(parsed)) {
    if (!SECTIONS.has(key)) throw new ConfigError(key, `technician settings ${path} may not set "${key}" (only devices, idle, voice)`);
  }
  return parsed as Record<string, unknown>;
}

/** Written aside and renamed: a crash mid-write leaves the old file, never half of a new one. */
export function writeTechnicianSettings(dataDir: string, settings: Record<string, unknown>): void {
  const path = join(dataDir, TECHNICIAN_SETTINGS_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
