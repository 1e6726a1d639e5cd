import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const production = {
  kioskId: 'hz-jiangnanzhong-01',
  location: '江南中街道党群服务中心',
  platform: { url: 'https://platform.example.gov.cn' },
  devices: { idReaderPort: '/dev/ttyUSB0', ssReader: 'hid:0x1234:0x5678', ticketPrinterPort: '/dev/ttyS1', pagePrinter: 'ipp://127.0.0.1:631/printers/A4' },
};

const writeConfig = (value: unknown) => {
  const path = join(dir, 'kiosk.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
};

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs the demo profile with simulators by default', () => {
    const config = loadConfig({ HOME: dir });
    expect(config.profile).toBe('demo');
    expect(config.devices).toEqual({ idReaderPort: 'sim', ssReader: 'sim', ticketPrinterPort: 'sim', pagePrinter: 'sim' });
    expect(config.platform.url).toBe('sim');
    expect(config.idle).toEqual({ timeoutSeconds: 90, elderlyTimeoutSeconds: 180, countdownSeconds: 30 });
  });

  it('layers defaults, then the file, then KIOSK_* variables', () => {
    const path = writeConfig({ ...production, idle: { timeoutSeconds: 120, elderlyTimeoutSeconds: 240, countdownSeconds: 30 } });
    const config = loadConfig({ KIOSK_CONFIG: path, KIOSK_ID_READER_PORT: '/dev/ttyUSB3', KIOSK_IDLE_SECONDS: '100', KIOSK_DATA_DIR: dir });
    expect(config.profile).toBe('production');
    expect(config.devices.idReaderPort).toBe('/dev/ttyUSB3');
    expect(config.devices.ticketPrinterPort).toBe('/dev/ttyS1');
    expect(config.idle.timeoutSeconds).toBe(100);
    expect(config.idle.elderlyTimeoutSeconds).toBe(240);
    expect(config.dataDir).toBe(dir);
  });

  it('never falls back to a simulator in production, naming the field', () => {
    const path = writeConfig({ ...production, devices: { ...production.devices, pagePrinter: 'sim' } });
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: path })).field).toBe('devices.pagePrinter');
    const missing = writeConfig({ ...production, devices: { ...production.devices, ticketPrinterPort: '' } });
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: missing })).field).toBe('devices.ticketPrinterPort');
    const viaEnv = writeConfig(production);
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: viaEnv, KIOSK_SS_READER: 'sim' })).field).toBe('devices.ssReader');
  });

  it('names the field of a bad value', () => {
    const path = writeConfig({ ...production, idle: { timeoutSeconds: 'soon', elderlyTimeoutSeconds: 180, countdownSeconds: 30 } });
    const error = errorOf(() => loadConfig({ KIOSK_CONFIG: path }));
    expect(error.field).toBe('idle.timeoutSeconds');
    expect(error.message).toContain('idle.timeoutSeconds');
    expect(errorOf(() => loadConfig({ KIOSK_IDLE_SECONDS: 'ninety' })).field).toBe('idle.timeoutSeconds');
    expect(errorOf(() => loadConfig({ KIOSK_PROFILE: 'staging' })).field).toBe('profile');
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: writeConfig({ ...production, colour: 'red' }) })).message).toMatch(/colour/);
  });

  it('accepts plain http only for a loopback platform', () => {
    expect(loadConfig({ KIOSK_PLATFORM_URL: 'http://127.0.0.1:8080' }).platform.url).toBe('http://127.0.0.1:8080');
    expect(errorOf(() => loadConfig({ KIOSK_PLATFORM_URL: 'http://platform.example.gov.cn' })).field).toBe('platform.url');
    expect(errorOf(() => loadConfig({ KIOSK_PLATFORM_URL: 'not a url' })).field).toBe('platform.url');
  });

  it('reports an unreadable or malformed file', () => {
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: join(dir, 'missing.json') })).message).toMatch(/cannot read config file/);
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "kioskId": ');
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: path })).message).toMatch(/not valid JSON/);
  });

  it('keeps devtools out of production', () => {
    const path = writeConfig(production);
    expect(errorOf(() => loadConfig({ KIOSK_CONFIG: path, KIOSK_DEVTOOLS: '1' })).field).toBe('devtools');
    expect(loadConfig({ KIOSK_DEVTOOLS: '1' }).devtools).toBe(true);
  });
});
