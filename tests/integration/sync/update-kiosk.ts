import { parseArgs } from 'node:util';
import { demoCredential } from '../../../fixtures/platform/credentials';
import { openDatabase } from '../../../main/db/database';
import { createLogger } from '../../../main/log/logger';
import { Outbox } from '../../../main/sync/outbox';
import { PlatformClient } from '../../../main/sync/platform-client';
import { SignedUpdater } from '../../../main/sync/signed-updater';
import { catalogueTarget, configTarget } from '../../../main/sync/update-targets';
import { timeOrderedIds } from '../../../main/sync/event-ids';
import { systemClock } from '../../../main/util/clock';

// One update check in its own process, for the kill-during-update test: prints START before the check
// and the outcomes as JSON after it.

const { values } = parseArgs({ options: { db: { type: 'string' }, data: { type: 'string' }, platform: { type: 'string' }, root: { type: 'string' } } });
process.stdout.on('error', () => process.exit(0));
const db = openDatabase(values.db as string);
const outbox = new Outbox(db, { clock: systemClock, ids: timeOrderedIds(systemClock), bootId: 'update-kiosk' });
const updater = new SignedUpdater({
  db,
  client: new PlatformClient({ baseUrl: values.platform as string, kioskId: 'K-UPKILL', credential: demoCredential('K-UPKILL'), clock: systemClock }),
  outbox,
  clock: systemClock,
  logger: createLogger('update-kiosk'),
  dataDir: values.data as string,
  appVersion: '0.1.0',
  buildTime: Date.UTC(2026, 0, 1),
  pinned: { rootKeys: [values.root as string], threshold: 1 },
  targets: [catalogueTarget(db, { clock: systemClock }), configTarget(db, { clock: systemClock })],
});
process.stdout.write('START\n');
const outcomes = await updater.checkNow();
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
db.close();
