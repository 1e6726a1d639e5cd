import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateNumber, issueCertificate } from '../certificates/issue';
import { loadOrCreateKioskKey } from '../certificates/kiosk-key';
import { familyPlanningRecordSchema, householdRecordSchema, type CertificateType } from '../certificates/records';
import { localDate } from '../certificates/certificate-text';
import type { KioskConfig } from '../config/schema';
import { launchPlatformSimulator } from '../demo/platform-launcher';
import { loadSampleResidents } from '../devices/sample-residents';
import { PlatformClient } from '../sync/platform-client';
import { systemClock } from '../util/clock';

/**
 * `kioskctl certificate sample`: a certificate for a sample resident, with the record fetched from a
 * platform simulator started for the purpose, signed with this kiosk's key, for layout review.
 */
export async function renderSampleCertificate(
  config: KioskConfig,
  type: CertificateType,
  residentId: string | undefined,
  out: string,
): Promise<{ number: string; verificationCode: string; resident: string }> {
  const residents = loadSampleResidents();
  const resident = residentId ? residents.find((r) => r.id === residentId) : residents[0];
  if (!resident) throw new Error(`no sample resident ${residentId ?? ''}: choose one of ${residents.map((r) => r.id).join(', ')}`);
  const simulatorData = mkdtempSync(join(tmpdir(), 'kioskctl-platform-'));
  const platform = await launchPlatformSimulator(simulatorData);
  try {
    const client = new PlatformClient({ baseUrl: platform.url, kioskId: config.kioskId, credential: `demo-credential-${config.kioskId}`, clock: systemClock });
    const identity = { idNumber: resident.idCard.idNumber, source: 'id-card' } as const;
    const now = systemClock.now();
    const key = loadOrCreateKioskKey(config.dataDir);
    const number = certificateNumber(type, localDate(now), key.keyId.slice(0, 4).toUpperCase(), 9000 + Math.floor(Math.random() * 1000));
    const input =
      type === 'household'
        ? ({ type, record: householdRecordSchema.parse(await client.getHouseholdRecord(identity)) } as const)
        : ({ type, record: familyPlanningRecordSchema.parse({ marriageDate: null, spouseName: null, ...(await client.getFamilyPlanningRecord(identity)) }) } as const);
    const certificate = await issueCertificate(resident.idCard, input, { number, kioskId: config.kioskId, key, now });
    writeFileSync(out, certificate.pdf);
    return { number, verificationCode: certificate.verificationCode, resident: resident.id };
  } finally {
    await platform.stop();
    rmSync(simulatorData, { recursive: true, force: true });
  }
}
