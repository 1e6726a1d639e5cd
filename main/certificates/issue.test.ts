import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import residents from '../../fixtures/residents/residents.json' with { type: 'json' };
import { needs } from '../../tests/support/system';
import type { ResidentIdentity } from '../session/resident-session';
import { verifyPayload } from './certificate-signature';
import { canonicalFromPrinted, canonicalText } from './certificate-text';
import { certificateNumber, issueCertificate, type IssuedCertificate } from './issue';
import { loadOrCreateKioskKey, type KioskKey } from './kiosk-key';
import { familyPlanningRecordSchema, householdRecordSchema } from './records';
import { verifyCertificateFile } from './verify-pdf';

const resident = residents.residents[0]!;
const person: ResidentIdentity = { ...resident.idCard };
const NOW = Date.UTC(2026, 10, 28, 2, 30);
const screenshots = join(process.cwd(), 'test-results', 'screenshots');

let dir: string;
let key: KioskKey;
const issued: Record<string, IssuedCertificate> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-cert-'));
  key = loadOrCreateKioskKey(dir);
  issued.household = await issueCertificate(
    person,
    { type: 'household', record: householdRecordSchema.parse(resident.household) },
    { number: certificateNumber('household', '20261128', 'K3F9', 7), kioskId: 'demo-kiosk-01', key, now: NOW },
  );
  issued['family-planning'] = await issueCertificate(
    person,
    { type: 'family-planning', record: familyPlanningRecordSchema.parse(resident.familyPlanning) },
    { number: certificateNumber('family-planning', '20261128', 'K3F9', 8), kioskId: 'demo-kiosk-01', key, now: NOW },
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certificate content', () => {
  it('writes the household certificate from the record', () => {
    const text = issued.household!.text;
    expect(text.title).toBe('户籍证明');
    expect(text.paragraphs[0]).toBe(
      '兹证明张三，男，1958年03月12日出生，公民身份号码440105195803129994，户籍地址为广州市海珠区江南大道中123号5栋801房，户号440105-0012345，与户主关系为户主，于1988年04月10日在本辖区登记常住户口。',
    );
    expect(text.issuer).toBe('广州市公安局海珠区分局江南中派出所');
    expect(text.issuedOn).toBe('20261128');
    expect(issued.household!.number).toBe('HJ-20261128-K3F9-0007');
  });

  it('writes the family-planning certificate from the record', () => {
    const text = issued['family-planning']!.text;
    expect(text.title).toBe('婚育情况证明');
    expect(text.paragraphs.join('')).toContain('于1985年05月01日登记结婚，配偶李秀英');
    expect(text.paragraphs.join('')).toContain('现有子女1个：男，1986年07月20日出生。已领取《独生子女父母光荣证》。');
  });

  it('signs a payload without the name or the full ID number', () => {
    const { payload } = issued.household!;
    const decoded = Buffer.from(payload.split('.')[1]!, 'base64url').toString();
    expect(decoded).not.toMatch(/张三|195803129994/);
    expect(verifyPayload(payload, { [key.keyId]: key.publicKey })).toMatchObject({ ok: true, payload: { t: 'H', m: '440105********9994' } });
    const forged = payload.slice(0, -3) + (payload.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(verifyPayload(forged, { [key.keyId]: key.publicKey })).toMatchObject({ ok: false });
    expect(verifyPayload(payload, {})).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifyPayload('garbage', {})).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe.skipIf(!needs('pdftotext', 'poppler-utils'))('certificate PDF', () => {
  for (const type of ['household', 'family-planning'] as const) {
    it(`${type}: text extracts exactly, fonts are embedded subsets, the QR decodes and verifies`, { timeout: 60_000 }, () => {
      const cert = issued[type]!;
      const path = join(dir, `${type}.pdf`);
      writeFileSync(path, cert.pdf);

      const raw = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
      expect(canonicalFromPrinted(raw)).toBe(canonicalText(cert.text));
      expect(raw.replace(/\s+/g, '')).toContain(`核验码：${cert.verificationCode}`);

      const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line).toMatch(/^[A-Z]{6}\+/); // subset prefix
        expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
      }

      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', path, join(dir, type)]);
      const png = PNG.sync.read(readFileSync(join(dir, `${type}.png`)));
      const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(qr?.data).toBe(cert.payload);
      expect(verifyPayload(qr!.data, { [key.keyId]: key.publicKey }).ok).toBe(true);

      expect(verifyCertificateFile(path, { [key.keyId]: key.publicKey })).toMatchObject({ ok: true, textMatches: true });
      mkdirSync(screenshots, { recursive: true });
      copyFileSync(join(dir, `${type}.png`), join(screenshots, `certificate-${type}.png`));
    });
  }

  it('notices a certificate whose printed text was altered', { timeout: 60_000 }, async () => {
    const cert = issued.household!;
    const tampered = await issueCertificate(
      { ...person, name: '张四' },
      { type: 'household', record: householdRecordSchema.parse(resident.household) },
      { number: cert.number, kioskId: 'demo-kiosk-01', key, now: NOW },
    );
    // Splice the genuine payload into the altered document, as a forger would.
    const forged = Buffer.from(tampered.pdf.toString('latin1').replace(tampered.payload, cert.payload), 'latin1');
    const path = join(dir, 'forged.pdf');
    writeFileSync(path, forged);
    expect(verifyCertificateFile(path, { [key.keyId]: key.publicKey })).toMatchObject({ ok: true, textMatches: false });
  });
});
