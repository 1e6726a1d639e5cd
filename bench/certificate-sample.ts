import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import residents from '../fixtures/residents/residents.json' with { type: 'json' };
import { certificateNumber, issueCertificate } from '../main/certificates/issue';
import { loadOrCreateKioskKey } from '../main/certificates/kiosk-key';
import { householdRecordSchema } from '../main/certificates/records';

/** The certificate every certificate benchmark renders: the first sample resident's 户籍证明. */
export function sampleCertificateJob() {
  const resident = residents.residents[0]!;
  const key = loadOrCreateKioskKey(mkdtempSync(join(tmpdir(), 'kiosk-bench-key-')));
  const record = householdRecordSchema.parse(resident.household);
  let n = 0;
  return () =>
    issueCertificate(resident.idCard, { type: 'household', record }, {
      number: certificateNumber('household', '20261128', 'BNCH', ++n),
      kioskId: 'bench-kiosk',
      key,
      now: Date.UTC(2026, 10, 28, 2),
    });
}

// Run directly: render one certificate in this fresh process and print how long it took.
if (import.meta.url === `file://${process.argv[1]}`) {
  const job = sampleCertificateJob();
  const start = performance.now();
  await job();
  process.stdout.write(`${JSON.stringify({ firstMs: performance.now() - start })}\n`);
}
