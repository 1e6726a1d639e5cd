import { KioskError } from '../../contract';
import type { Db } from '../db/database';
import { createLogger } from '../log/logger';
import { maskIdNumber } from '../privacy/mask';
import type { PagePrintService } from '../printing/page-print-service';
import type { ResidentSession } from '../session/resident-session';
import type { Clock } from '../util/clock';
import { localDate } from './certificate-text';
import { certificateNumber, issueCertificate, type IssuedCertificate } from './issue';
import type { KioskKey } from './kiosk-key';
import { familyPlanningRecordSchema, householdRecordSchema, type CertificateType } from './records';

const log = createLogger('certificates');

/** The platform's certificate-record queries (PlatformClient implements them). */
export type CertificateRecords = {
  getHouseholdRecord(identity: { idNumber: string; source: 'id-card' | 'ss-card' }): Promise<unknown>;
  getFamilyPlanningRecord(identity: { idNumber: string; source: 'id-card' | 'ss-card' }): Promise<unknown>;
};

export type CertificatePreview = { type: CertificateType; number: string; verificationCode: string; pdf: Buffer; printed: boolean };

type Issued = {
  certificate: IssuedCertificate;
  /** The kiosk's print-job id of the last attempt: a held job is resumed, never resent. */
  printJobId: string | undefined;
  printed: boolean;
  /** The attempt under way: a second tap (or a retry racing the first) follows the same one. */
  inFlight: Promise<{ jobId: string; state: 'completed' }> | undefined;
  audit: Record<string, unknown>;
};

/**
 * 户籍证明 and 婚育情况证明 for the identified resident: the record comes from the platform, the
 * certificate is numbered, signed and rendered here, previewed, then printed through the A4
 * printer. Everything about it lives in memory for the session and goes with the session wipe.
 * One certificate per type per session: asking again shows the same number. A certificate number
 * is printed at most once; a reprint is allowed only for the same number in the same session
 * (after a paper-out or jam), and a job the printer kept is resumed, not resent. A kept job whose
 * resident leaves (session wiped) is canceled so it never comes out for the next person.
 */
export class CertificateService {
  private issued = new Map<string, Issued>();

  constructor(
    private readonly db: Db,
    private readonly session: ResidentSession,
    private readonly records: () => CertificateRecords | undefined,
    private readonly printing: PagePrintService,
    private readonly key: () => KioskKey,
    private readonly kioskId: string,
    private readonly clock: Clock,
  ) {
    session.onWipe(() => this.forget());
  }

  async issue(type: CertificateType): Promise<CertificatePreview> {
    const person = this.session.current();
    const existing = [...this.issued.values()].find((entry) => entry.certificate.type === type);
    if (existing) return this.preview(existing);
    const platform = this.records();
    if (!platform) throw new KioskError('PLATFORM_UNREACHABLE', 'certificates need the platform, which this kiosk cannot reach');
    const identity = { idNumber: person.idNumber, source: this.session.view().kind ?? 'id-card' } as const;
    const raw = type === 'household' ? await platform.getHouseholdRecord(identity) : await platform.getFamilyPlanningRecord(identity);
    // The resident may have gone (or another card arrived) while the platform answered.
    if (this.session.current().idNumber !== person.idNumber) throw new KioskError('NO_SESSION', 'the session changed while the record was fetched');
    const again = [...this.issued.values()].find((entry) => entry.certificate.type === type);
    if (again) return this.preview(again);
    const now = this.clock.now();
    const input =
      type === 'household'
        ? ({ type, record: householdRecordSchema.parse(raw) } as const)
        : ({ type, record: familyPlanningRecordSchema.parse({ marriageDate: null, spouseName: null, ...(raw as object) }) } as const);
    const number = this.nextNumber(type, now);
    const certificate = await issueCertificate(person, input, { number, kioskId: this.kioskId, key: this.key(), now });
    const holder = maskIdNumber(person.idNumber);
    const entry: Issued = {
      certificate,
      printJobId: undefined,
      printed: false,
      inFlight: undefined,
      audit: { certificateType: type, certificateNumber: number, maskedIdNumber: holder },
    };
    this.issued.set(number, entry);
    log.info({ type, number, holder }, 'certificate issued for preview');
    return this.preview(entry);
  }

  async print(number: string): Promise<{ jobId: string; state: 'completed' }> {
    const entry = this.issued.get(number);
    if (!entry) throw new KioskError('PRINT_NOT_ALLOWED', `certificate ${number} was not issued in this session`, { reason: 'not-issued' });
    if (entry.printed) throw new KioskError('PRINT_NOT_ALLOWED', `certificate ${number} has already been printed`, { reason: 'printed' });
    this.session.current();
    entry.inFlight ??= this.attempt(entry).finally(() => {
      entry.inFlight = undefined;
    });
    return entry.inFlight;
  }

  private async attempt(entry: Issued): Promise<{ jobId: string; state: 'completed' }> {
    const number = entry.certificate.number;
    try {
      // A job the printer kept (paper out, jam) is followed again: the certificate is never sent twice.
      const outcome =
        entry.printJobId && this.printing.jobState(entry.printJobId) === 'held'
          ? await this.printing.resume(entry.printJobId, { audit: entry.audit })
          : await this.printing.print({ kind: 'certificate', reference: number, pdf: entry.certificate.pdf, audit: entry.audit });
      entry.printJobId = outcome.jobId;
      entry.printed = true;
      return outcome;
    } catch (error) {
      if (error instanceof KioskError && typeof error.detail?.jobId === 'string') entry.printJobId = error.detail.jobId;
      throw error;
    }
  }

  private preview(entry: Issued): CertificatePreview {
    const { type, number, verificationCode, pdf } = entry.certificate;
    return { type, number, verificationCode, pdf, printed: entry.printed };
  }

  /** The session ended: previews and reprint rights go; a job the printer still keeps is canceled. */
  private forget(): void {
    const held = [...this.issued.values()].filter((e) => e.printJobId && !e.printed && this.printing.jobState(e.printJobId) === 'held');
    this.issued.clear();
    for (const entry of held) {
      void this.printing.cancel(entry.printJobId as string, { audit: entry.audit }).catch((error: unknown) => {
        log.warn({ err: error, number: entry.certificate.number }, 'a kept certificate job could not be canceled');
      });
    }
  }

  /** HJ-20261128-K3F9-0007: the day's running number for this kiosk, kept in the settings table. */
  private nextNumber(type: CertificateType, now: number): string {
    const day = localDate(now);
    const key = `certificate-sequence-${day}`;
    const sequence = this.db.transaction(() => {
      const current = Number(this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) ?? 0) + 1;
      this.db
        .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(key, String(current), now);
      return current;
    })();
    const tag = this.key().keyId.slice(0, 4).toUpperCase();
    return certificateNumber(type, day, tag, sequence);
  }
}
