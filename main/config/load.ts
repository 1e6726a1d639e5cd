import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { configSchema, type KioskConfig } from './schema';
import { readTechnicianSettings } from './technician-settings-file';

export class ConfigError extends Error {
  constructor(
    /** The dotted path of the offending setting, e.g. `devices.idReaderPort`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** KIOSK_* variables and the setting each one overrides. Documented in the README. */
export const ENVIRONMENT = {
  KIOSK_PROFILE: 'profile',
  KIOSK_ID: 'kioskId',
  KIOSK_LOCATION: 'location',
  KIOSK_DATA_DIR: 'dataDir',
  KIOSK_PLATFORM_URL: 'platform.url',
  KIOSK_PLATFORM_CREDENTIAL: 'platform.credentialFile',
  KIOSK_PLATFORM_CA: 'platform.caFile',
  KIOSK_ID_READER_PORT: 'devices.idReaderPort',
  KIOSK_SS_READER: 'devices.ssReader',
  KIOSK_TICKET_PRINTER_PORT: 'devices.ticketPrinterPort',
  KIOSK_PAGE_PRINTER: 'devices.pagePrinter',
  KIOSK_IDLE_SECONDS: 'idle.timeoutSeconds',
  KIOSK_LOG_LEVEL: 'log.level',
  KIOSK_PORT: 'browserShell.port',
  KIOSK_DEVTOOLS: 'devtools',
} as const satisfies Record<string, string>;

/** scrypt hash of the demo PIN 246810, made with `kioskctl hash-pin`. */
export const DEMO_PIN_HASH = 'scrypt$32768$8$1$aGFpemh1LWRlbW8tcGluIQ$Gjkj7F6_UtGIucKKbj_elAXduPIsckdFvwVoKSx-I40';

/** scrypt hash of the demo technician's card number T09000017 (fixtures/residents T001), made with `kioskctl hash-card`. */
export const DEMO_TECHNICIAN_CARD_HASH = 'scrypt$32768$8$1$aGFpemh1LWRlbW8tdGVjaA$unuJJLcyQVY7lseeAP_VIgrZMiQJrcq4567Q5w8XfY8';

const NUMERIC = new Set(['idle.timeoutSeconds', 'browserShell.port']);
const BOOLEAN = new Set(['devtools']);

export function defaultDataDir(env: Env = process.env): string {
  if (process.platform === 'win32') return join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'HaizhuKiosk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'haizhu-kiosk');
}

export function defaults(profile: KioskConfig['profile'], env: Env = process.env): KioskConfig {
  const demo = profile === 'demo';
  return {
    profile,
    kioskId: demo ? 'demo-kiosk-01' : 'unset',
    location: demo ? '海珠区政务服务中心（演示）' : 'unset',
    dataDir: demo ? join(defaultDataDir(env), 'demo') : defaultDataDir(env),
    platform: { url: demo ? 'sim' : '' },
    devices: demo
      ? { idReaderPort: 'sim', ssReader: 'sim', ticketPrinterPort: 'sim', pagePrinter: 'sim' }
      : { idReaderPort: '', ssReader: '', ticketPrinterPort: '', pagePrinter: '' },
    idle: { timeoutSeconds: 90, elderlyTimeoutSeconds: 180, countdownSeconds: 30 },
    // The demo PIN is 246810 (README); production has no PIN until a technician sets one.
    maintenance: { pinHash: demo ? DEMO_PIN_HASH : null, technicianCards: demo ? [DEMO_TECHNICIAN_CARD_HASH] : [] },
    trust: { rootKeys: [], threshold: 1 },
    log: { level: 'info', maxBytes: 5_000_000, keep: 5 },
    browserShell: { port: 0 },
    voice: { volume: 'medium' },
    devtools: false,
  };
}

/**
 * defaults → JSON file (KIOSK_CONFIG) → the technician's settings (<dataDir>/settings.json, written
 * by the maintenance screen) → KIOSK_* environment, then validation and profile rules. The
 * environment stays last so that whoever starts the kiosk can always override a setting.
 */
export function loadConfig(env: Env = process.env): KioskConfig {
  const file = env.KIOSK_CONFIG ? readConfigFile(env.KIOSK_CONFIG) : {};
  // A config file means a real kiosk: production unless the file or the environment says demo.
  const profile = env.KIOSK_PROFILE ?? file.profile ?? (env.KIOSK_CONFIG ? 'production' : 'demo');
  if (profile !== 'demo' && profile !== 'production') {
    throw new ConfigError('profile', `profile must be "demo" or "production", not ${JSON.stringify(profile)}`);
  }
  const fromFile = deepMerge(defaults(profile, env), file);
  const dataDir = env.KIOSK_DATA_DIR || (typeof fromFile.dataDir === 'string' ? fromFile.dataDir : '');
  const merged = dataDir ? deepMerge(fromFile, readTechnicianSettings(dataDir)) : fromFile;
  merged.profile = profile;
  for (const [variable, field] of Object.entries(ENVIRONMENT)) {
    const raw = env[variable];
    if (raw === undefined || raw === '' || variable === 'KIOSK_PROFILE') continue;
    setPath(merged, field, parseEnvValue(variable, field, raw));
  }
  return validateConfig(merged);
}

export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('(file)', `cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('(file)', `config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('(file)', `config file ${path} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

export function validateConfig(input: unknown): KioskConfig {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(config)';
    throw new ConfigError(field, `config setting "${field}" is invalid: ${issue?.message ?? 'unknown problem'}`);
  }
  const config = parsed.data;
  config.dataDir = isAbsolute(config.dataDir) ? config.dataDir : resolve(config.dataDir);
  checkProfileRules(config);
  return config;
}

function checkProfileRules(config: KioskConfig): void {
  const production = config.profile === 'production';
  for (const [name, value] of Object.entries(config.devices)) {
    if (production && value === 'sim') {
      throw new ConfigError(`devices.${name}`, `config setting "devices.${name}" is "sim": simulators are for the demo profile only`);
    }
    if (value === '') throw new ConfigError(`devices.${name}`, `config setting "devices.${name}" is missing`);
  }
  if (production && config.platform.url === 'sim') {
    throw new ConfigError('platform.url', 'config setting "platform.url" is "sim": the platform simulator is for the demo profile only');
  }
  if (config.platform.url !== 'sim') checkPlatformUrl(config.platform.url);
  if (production && (config.kioskId === 'unset' || config.location === 'unset')) {
    throw new ConfigError(config.kioskId === 'unset' ? 'kioskId' : 'location', 'production needs kioskId and location');
  }
  if (production && config.devtools) throw new ConfigError('devtools', 'devtools are for the demo profile only');
  if (config.idle.elderlyTimeoutSeconds < config.idle.timeoutSeconds) {
    throw new ConfigError('idle.elderlyTimeoutSeconds', 'elderly mode must give at least as much time as the normal mode');
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** HTTPS always; plain HTTP only to a loopback address (SYNC.md, platform-link issue). */
export function checkPlatformUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('platform.url', `config setting "platform.url" is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && (LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.'))) return;
  throw new ConfigError('platform.url', 'config setting "platform.url" must use https:// (http:// is accepted for loopback only)');
}

function parseEnvValue(variable: string, field: string, raw: string): unknown {
  if (NUMERIC.has(field)) {
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new ConfigError(field, `${variable} must be a whole number, not ${JSON.stringify(raw)}`);
    return n;
  }
  if (BOOLEAN.has(field)) return raw === '1' || raw === 'true';
  return raw;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
