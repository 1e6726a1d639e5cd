import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../main/kioskctl/cli';
import { ensurePrinterServices } from '../support/ippeveprinter';
import { needs } from '../support/system';

const ready = needs('socat', 'socat') && needs('ippeveprinter', 'cups-ipp-utils');

describe.skipIf(!ready)('kioskctl selftest against the simulators and ippeveprinter', () => {
  let dir: string;
  beforeAll(async () => {
    await ensurePrinterServices();
    dir = mkdtempSync(join(tmpdir(), 'kioskctl-selftest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a real round trip on every device and prints only masked data', async () => {
    const { code, out } = await run(['selftest', '--json'], { KIOSK_DATA_DIR: dir, HOME: dir });
    const results = JSON.parse(out) as Array<{ device: string; ok: boolean; detail: string }>;
    expect(results.map((r) => [r.device, r.ok])).toEqual([
      ['id-card', true],
      ['ss-card', true],
      ['ticket-printer', true],
      ['page-printer', true],
    ]);
    expect(code).toBe(0);
    expect(results[0]?.detail).toBe('read 张* 440105********9994, valid to 长期');
    expect(out).not.toMatch(/张三|195803129994/);
  });

  it('fails with the reason when the configured device is not there', async () => {
    const { code, out } = await run(['selftest', 'ticket-printer'], {
      KIOSK_DATA_DIR: dir,
      HOME: dir,
      KIOSK_TICKET_PRINTER_PORT: join(dir, 'no-such-port'),
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL ticket-printer/);
  });

  it('refuses an unknown device', async () => {
    expect((await run(['selftest', 'toaster'], { KIOSK_DATA_DIR: dir, HOME: dir })).code).toBe(2);
  });
});
