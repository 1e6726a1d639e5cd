import type { ResidentIdentity } from '../session/resident-session';
import { maskIdNumber } from '../privacy/mask';
import { renderCertificatePdf } from './certificate-pdf';
import { signPayload, textHash, typeCode, verificationCode } from './certificate-signature';
import { canonicalText, familyPlanningText, householdText, type CertificateText } from './certificate-text';
import type { KioskKey } from './kiosk-key';
import type { CertificateType, FamilyPlanningRecord, HouseholdRecord } from './records';

export type IssueInput =
  | { type: 'household'; record: HouseholdRecord }
  | { type: 'family-planning'; record: FamilyPlanningRecord };

export type IssuedCertificate = {
  type: CertificateType;
  number: string;
  verificationCode: string;
  payload: string;
  text: CertificateText;
  pdf: Buffer;
};

/** Text → signature → PDF, for one resident and one record. Pure apart from the key. */
export async function issueCertificate(
  person: ResidentIdentity,
  input: IssueInput,
  options: { number: string; kioskId: string; key: KioskKey; now: number },
): Promise<IssuedCertificate> {
  const text =
    input.type === 'household'
      ? householdText(person, input.record, options.number, options.now)
      : familyPlanningText(person, input.record, options.number, options.now);
  const payload = signPayload(
    {
      t: typeCode(input.type),
      n: options.number,
      d: text.issuedOn,
      k: options.kioskId,
      kid: options.key.keyId,
      m: maskIdNumber(person.idNumber),
      h: textHash(canonicalText(text)),
    },
    options.key.privateKey,
  );
  const code = verificationCode(payload);
  const pdf = await renderCertificatePdf({
    text,
    qrPayload: payload,
    verificationCode: code,
    kioskId: options.kioskId,
    createdAt: new Date(options.now),
  });
  return { type: input.type, number: options.number, verificationCode: code, payload, text, pdf };
}

/** HJ-20261128-K3F9-0007: type, date, a short kiosk tag and the kiosk's running number for the day. */
export function certificateNumber(type: CertificateType, date: string, kioskTag: string, sequence: number): string {
  return `${type === 'household' ? 'HJ' : 'HY'}-${date}-${kioskTag}-${String(sequence).padStart(4, '0')}`;
}
