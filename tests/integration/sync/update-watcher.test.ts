import { afterAll, beforeAll, describe, it } from 'vitest';
import { demoCredential } from '../../../fixtures/platform/server';
import { createLogger } from '../../../main/log/logger';
import { realTimers } from '../../../main/sync/backoff';
import { PlatformClient } from '../../../main/sync/platform-client';
import { UpdateWatcher } from '../../../main/sync/update-watcher';
import { systemClock } from '../../../main/util/clock';
import { waitUntil } from '../../support/wait-until';
import { startPlatform, type Platform } from './harness';

// The SSE announcements over real HTTP drive update checks; a restarted platform is reconnected to.
// The updater is a counter here: the checks themselves are proven in signed-update.test.ts.

let platform: Platform;
let dataDir: string;
const checks: string[] = [];
let watcher: UpdateWatcher;

beforeAll(async () => {
  platform = await startPlatform();
  dataDir = platform.dir;
  const client = new PlatformClient({ baseUrl: platform.url, kioskId: 'K-WATCH', credential: demoCredential('K-WATCH'), clock: systemClock, timeoutMs: 3000 });
  watcher = new UpdateWatcher({
    updater: { checkNow: async () => (checks.push('check'), []) },
    client,
    timers: realTimers,
    random: () => 0.01,
    logger: createLogger('watch-test'),
    pollIntervalMs: 3_600_000,
  });
  watcher.start();
});
afterAll(async () => {
  watcher.stop();
  await platform.stop();
});

const publishConfig = (n: number) => platform.admin('/__admin/publish', { role: 'config', files: [{ path: 'config.json', base64: Buffer.from(JSON.stringify({ n })).toString('base64') }] });

describe('UpdateWatcher', () => {
  it('checks when the stream announces a version, and again on each new one', async () => {
    await waitUntil(() => checks.length >= 1, 10_000, 'the check for the announcement on connect');
    const before = checks.length;
    await publishConfig(2);
    await waitUntil(() => checks.length > before, 10_000, 'a check after publishing');
  });

  it('reconnects after the platform restarts and hears later announcements', async () => {
    const port = platform.port;
    await platform.close();
    platform = Object.assign(await startPlatform({ dataDir, port }), {});
    await waitUntil(() => platform.sseClients() === 1, 20_000, 'the watcher to reconnect');
    const before = checks.length;
    await publishConfig(3);
    await waitUntil(() => checks.length > before, 10_000, 'a check after publishing on the restarted platform');
  }, 40_000);
});
