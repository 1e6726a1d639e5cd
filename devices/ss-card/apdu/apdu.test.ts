import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeApdu, encodeApdu, parseResponse } from './apdu';
import { bcdToDigits, digitsToBcd } from './bcd';
import { decodeRecord, EF05_RECORDS, EF06_RECORDS, encodeRecords } from './records';
import { getResponse, pinToBcd, readRecord, selectByName, selectEf, SSSE_AID, verifyPin, withLe } from './ssse';
import { parseTlvRecord } from './tlv';
import { SAMPLE_SS_CARD } from '../sample-cards.test-support';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));
const spec = (list: typeof EF05_RECORDS, record: number) => {
  const found = list.find((s) => s.record === record);
  if (!found) throw new Error(`no record ${record}`);
  return found;
};

describe('SSSE APDUs (DEVICES.md §2.4 and §7)', () => {
  it('selects SSSE by its 15-byte AID, "sx1.sh." + GBK 社会保障', () => {
    expect(hex(selectByName(SSSE_AID))).toBe('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    expect(Buffer.from(SSSE_AID.subarray(0, 7)).toString('latin1')).toBe('sx1.sh.');
    expect(iconv.decode(Buffer.from(SSSE_AID.subarray(7)), 'gbk')).toBe('社会保障');
  });

  it('builds SELECT EF, READ RECORD, GET RESPONSE and VERIFY', () => {
    expect(hex(selectEf(0xef05))).toBe('00A4020002EF05');
    expect(hex(selectEf(0xef06))).toBe('00A4020002EF06');
    expect(hex(readRecord(3, 0))).toBe('00B2030400');
    expect(hex(readRecord(1, 0x14))).toBe('00B2010414');
    expect(hex(readRecord(7, 0x0b))).toBe('00B207040B');
    expect(hex(getResponse(0x11))).toBe('00C0000011');
    expect(hex(verifyPin('123456'))).toBe('0020000003123456');
    expect(() => pinToBcd('12a4')).toThrow(RangeError);
  });

  it('re-issues with a new Le (6Cxx)', () => {
    expect(hex(withLe(readRecord(7, 0x0b), 0x0a))).toBe('00B207040A');
    expect(hex(withLe(selectEf(0xef05), 0x00))).toBe('00A4020002EF0500');
  });

  it('decodes the EF05 version vector 03 04 33 2E 30 30 90 00 as "3.00"', () => {
    const response = parseResponse(bytes('03 04 33 2E 30 30 90 00'));
    expect(response?.sw).toBe(0x9000);
    expect(decodeRecord(spec(EF05_RECORDS, 3), response!.data)).toEqual({ ok: true, value: '3.00' });
  });

  it('decodes the EF05 card-id vector (region 330300)', () => {
    const response = parseResponse(bytes('01 10 330300D15600000599110145FFFFFFFF 9000'));
    expect(decodeRecord(spec(EF05_RECORDS, 1), response!.data)).toEqual({ ok: true, value: '330300D15600000599110145FFFFFFFF' });
  });

  it('decodes the GBK name record 09 1E D5 C5 C8 FD 20…', () => {
    const record = Uint8Array.from([0x09, 0x1e, 0xd5, 0xc5, 0xc8, 0xfd, ...new Array(26).fill(0x20)]);
    expect(decodeRecord(spec(EF06_RECORDS, 2), record)).toEqual({ ok: true, value: '张三' });
    expect(hex(encodeRecords(SAMPLE_SS_CARD).ef06.get(2)!)).toBe(hex(record));
  });

  it('decodes BCD dates and nation, rejects non-BCD and wrong tags', () => {
    expect(decodeRecord(spec(EF05_RECORDS, 5), bytes('05 04 20 19 06 01'))).toEqual({ ok: true, value: '20190601' });
    expect(decodeRecord(spec(EF05_RECORDS, 5), bytes('05 04 20 19 13 01'))).toMatchObject({ ok: false, error: { kind: 'value' } });
    expect(decodeRecord(spec(EF06_RECORDS, 5), bytes('0B 01 01'))).toEqual({ ok: true, value: '01' });
    expect(decodeRecord(spec(EF06_RECORDS, 5), bytes('0B 01 1A'))).toMatchObject({ ok: false, error: { kind: 'value' } });
    expect(decodeRecord(spec(EF06_RECORDS, 5), bytes('0C 01 01'))).toMatchObject({ ok: false, error: { kind: 'tag', expected: 0x0b, actual: 0x0c } });
    expect(bcdToDigits(digitsToBcd('440106'))).toBe('440106');
  });

  it('round-trips every record of a card through encode and decode', () => {
    const { ef05, ef06 } = encodeRecords(SAMPLE_SS_CARD);
    const read = (list: typeof EF05_RECORDS, file: Map<number, Uint8Array>) =>
      Object.fromEntries(list.map((s) => [s.field, decodeRecord(s, file.get(s.record)!)]));
    expect(read(EF06_RECORDS, ef06)).toEqual({
      ssn: { ok: true, value: '440106200001010000' },
      name: { ok: true, value: '张三' },
      gender: { ok: true, value: '1' },
      nation: { ok: true, value: '01' },
      birthPlace: { ok: true, value: '440106' },
      birth: { ok: true, value: '20000101' },
    });
    expect(read(EF05_RECORDS, ef05)).toMatchObject({ cardNumber: { ok: true, value: 'A00000009' }, version: { ok: true, value: '3.00' } });
  });

  it('property: any bytes decode to a typed result, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        parseResponse(raw);
        decodeApdu(raw);
        parseTlvRecord(raw);
        bcdToDigits(raw);
        for (const s of [...EF05_RECORDS, ...EF06_RECORDS]) expect(typeof decodeRecord(s, raw).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('property: a command APDU survives encode → decode', () => {
    fc.assert(
      fc.property(
        fc.record({
          cla: fc.integer({ min: 0, max: 255 }),
          ins: fc.integer({ min: 0, max: 255 }),
          p1: fc.integer({ min: 0, max: 255 }),
          p2: fc.integer({ min: 0, max: 255 }),
          data: fc.option(fc.uint8Array({ minLength: 1, maxLength: 255 }), { nil: undefined }),
          le: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
        }),
        (apdu) => {
          const { data, le, ...head } = apdu;
          const command = { ...head, ...(data ? { data } : {}), ...(le !== undefined ? { le } : {}) };
          expect(decodeApdu(encodeApdu(command))).toEqual(command);
        },
      ),
    );
  });
});
