import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskError } from '../../../contract/errors';
import { demoCredential } from '../../../fixtures/platform/server';
import { PlatformClient } from '../../../main/sync/platform-client';
import { systemClock } from '../../../main/util/clock';
import { needs } from '../../support/system';
import { startPlatform, type Platform } from './harness';

// HTTPS with a pinned CA: the simulator serves TLS with a throw-away certificate for 127.0.0.1.

function selfSigned(dir: string, name: string): { key: string; cert: string } {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`),
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
}

describe.skipIf(!needs('openssl', 'openssl'))('platform over HTTPS with a pinned CA', () => {
  let dir: string;
  let platform: Platform;
  let served: { key: string; cert: string };
  let other: { key: string; cert: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-tls-'));
    served = selfSigned(dir, 'platform');
    other = selfSigned(dir, 'someone-else');
    platform = await startPlatform({ tls: served });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (caPem?: string) =>
    new PlatformClient({ baseUrl: platform.url, kioskId: 'K-TLS', credential: demoCredential('K-TLS'), clock: systemClock, timeoutMs: 3000, ...(caPem ? { caPem } : {}) });

  it('talks to the platform whose certificate chains to the pinned CA', async () => {
    expect(platform.url.startsWith('https://')).toBe(true);
    expect((await client(served.cert).getApplication('HZ-20261102-000417')).status).toBe('completed');
  });

  it('refuses a certificate the pinned CA did not issue, and one no CA vouches for', async () => {
    for (const c of [client(other.cert), client()]) {
      const error = await c.getApplication('HZ-20261102-000417').then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('PLATFORM_UNREACHABLE');
    }
  });
});
