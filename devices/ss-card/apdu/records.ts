import iconv from 'iconv-lite';
import { isCalendarDate } from '../../shared/id-number';
import { bcdToDigits, digitsToBcd } from './bcd';
import { encodeTlvRecord, parseTlvRecord } from './tlv';
import type { SsCardData, SsCardIdentity } from './types';

// The EF05 and EF06 records the kiosk reads (DEVICES.md §2.2, §2.3): record number, TLV tag,
// value length and how the value is encoded. Record 3 of EF06 (name extension) is skipped: its
// tag is not confirmed by any source.

export type Encoding = 'hex' | 'ascii' | 'bcd' | 'bcdDate' | 'gbk';

export type FieldKey = Exclude<keyof SsCardIdentity, 'regionCode' | 'ssnValid' | 'genderText' | 'nationText'>;

export type RecordSpec = { record: number; tag: number; length: number; field: FieldKey; encoding: Encoding };

export const EF05_RECORDS: readonly RecordSpec[] = [
  { record: 1, tag: 0x01, length: 16, field: 'cardId', encoding: 'hex' },
  { record: 2, tag: 0x02, length: 1, field: 'cardType', encoding: 'ascii' },
  { record: 3, tag: 0x03, length: 4, field: 'version', encoding: 'ascii' },
  { record: 4, tag: 0x04, length: 12, field: 'orgNumber', encoding: 'hex' },
  { record: 5, tag: 0x05, length: 4, field: 'issueDate', encoding: 'bcdDate' },
  { record: 6, tag: 0x06, length: 4, field: 'expiryDate', encoding: 'bcdDate' },
  { record: 7, tag: 0x07, length: 9, field: 'cardNumber', encoding: 'ascii' },
];

export const EF06_RECORDS: readonly RecordSpec[] = [
  { record: 1, tag: 0x08, length: 18, field: 'ssn', encoding: 'ascii' },
  { record: 2, tag: 0x09, length: 30, field: 'name', encoding: 'gbk' },
  { record: 4, tag: 0x0a, length: 1, field: 'gender', encoding: 'ascii' },
  { record: 5, tag: 0x0b, length: 1, field: 'nation', encoding: 'bcd' },
  { record: 6, tag: 0x0c, length: 3, field: 'birthPlace', encoding: 'bcd' },
  { record: 7, tag: 0x0d, length: 4, field: 'birth', encoding: 'bcdDate' },
];

export type RecordError =
  | { kind: 'tlv'; record: number; detail: string }
  | { kind: 'tag'; record: number; expected: number; actual: number }
  | { kind: 'value'; field: FieldKey };

/** Decodes one READ RECORD response body into the field's text. Never throws. */
export function decodeRecord(spec: RecordSpec, bytes: Uint8Array): { ok: true; value: string } | { ok: false; error: RecordError } {
  const tlv = parseTlvRecord(bytes);
  if (!tlv.ok) return { ok: false, error: { kind: 'tlv', record: spec.record, detail: tlv.error.kind } };
  if (tlv.value.tag !== spec.tag) return { ok: false, error: { kind: 'tag', record: spec.record, expected: spec.tag, actual: tlv.value.tag } };
  const value = decodeValue(spec.encoding, tlv.value.value);
  if (value === undefined) return { ok: false, error: { kind: 'value', field: spec.field } };
  return { ok: true, value };
}

function decodeValue(encoding: Encoding, bytes: Uint8Array): string | undefined {
  switch (encoding) {
    case 'hex':
      return Buffer.from(bytes).toString('hex').toUpperCase();
    case 'ascii': {
      if (bytes.some((b) => b > 0x7e || (b < 0x20 && b !== 0))) return undefined;
      return trimPad(Buffer.from(bytes).toString('latin1'));
    }
    case 'bcd':
      return bcdToDigits(bytes);
    case 'bcdDate': {
      const digits = bcdToDigits(bytes);
      return digits && isCalendarDate(digits) ? digits : undefined;
    }
    case 'gbk':
      return trimPad(iconv.decode(Buffer.from(bytes), 'gbk'));
  }
}

const trimPad = (s: string) => s.replace(/[\u0020\u0000]+$/u, '').replace(/^[\u0020\u0000]+/u, '');

/** The card's side: the TLV bytes of every record, from card data (used by the simulator). */
export function encodeRecords(card: SsCardData): { ef05: Map<number, Uint8Array>; ef06: Map<number, Uint8Array> } {
  const values: Record<FieldKey, string> = {
    cardId: card.cardId ?? defaultCardId(card),
    cardType: card.cardType ?? '1',
    version: card.version,
    orgNumber: card.orgNumber ?? `${card.ssn.slice(0, 6)}${'0'.repeat(18)}`,
    issueDate: card.issueDate,
    expiryDate: card.expiryDate,
    cardNumber: card.cardNumber,
    ssn: card.ssn,
    name: card.name,
    gender: card.gender,
    nation: card.nation,
    birthPlace: card.birthPlace,
    birth: card.birth,
  };
  const build = (specs: readonly RecordSpec[]) =>
    new Map(specs.map((spec) => [spec.record, encodeTlvRecord(spec.tag, encodeValue(spec, values[spec.field]))] as const));
  return { ef05: build(EF05_RECORDS), ef06: build(EF06_RECORDS) };
}

function encodeValue(spec: RecordSpec, text: string): Uint8Array {
  switch (spec.encoding) {
    case 'hex':
      return Buffer.from(text, 'hex');
    case 'ascii':
      // Card numbers keep their own length (8 on older cards); the rest are fixed width.
      return Buffer.from(spec.field === 'cardNumber' ? text : text.padEnd(spec.length, ' '), 'latin1');
    case 'bcd':
    case 'bcdDate':
      return digitsToBcd(text);
    case 'gbk': {
      const bytes = iconv.encode(text, 'gbk');
      if (bytes.length > spec.length) throw new RangeError(`${spec.field} longer than ${spec.length} GBK bytes`);
      return Buffer.concat([bytes, Buffer.alloc(spec.length - bytes.length, 0x20)]);
    }
  }
}

/** 16 bytes: region (BCD) + D156000005 (the social-security RID prefix seen on real cards) + 8 ASCII bytes of the card number. */
function defaultCardId(card: SsCardData): string {
  const tail = Buffer.from(card.cardNumber.slice(-8).padStart(8, '0'), 'latin1').toString('hex');
  return `${card.ssn.slice(0, 6)}D156000005${tail}`.toUpperCase();
}
