import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, MESSAGE_TYPE, Reassembler, REPORT_SIZE, toReports, withReportId, type CcidMessage } from './hid-framing';

const hex = (b: Uint8Array | number[]) => Buffer.from(Uint8Array.from(b)).toString('hex').toUpperCase();

describe('SIM-HID-CCID v0 framing (the project’s own, DEVICES.md §2.5)', () => {
  it('encodes a PowerOn request byte for byte', () => {
    const message: CcidMessage = { type: MESSAGE_TYPE.powerOn, slot: 0, seq: 7, params: [0, 0, 0], data: new Uint8Array(0) };
    expect(hex(encodeMessage(message))).toBe('62000000000007000000');
    const [report, ...rest] = toReports(message);
    expect(rest).toEqual([]);
    expect(report).toHaveLength(64);
    expect(hex(report!.subarray(0, 12))).toBe('0062000000000007000000' + '00');
    expect(report!.subarray(11).every((b) => b === 0)).toBe(true);
    expect(withReportId(report!)).toHaveLength(65);
    expect(withReportId(report!)[0]).toBe(0);
  });

  it('encodes an XfrBlock with the SELECT SSSE APDU: dwLength little-endian, data after the header', () => {
    const apdu = Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex');
    const [report] = toReports({ type: MESSAGE_TYPE.xfrBlock, slot: 0, seq: 1, params: [0, 0, 0], data: apdu });
    expect(hex(report!.subarray(0, 11 + apdu.length))).toBe('00' + '6F' + '14000000' + '00' + '01' + '000000' + hex(apdu));
  });

  it('fragments a 100-byte message into two reports: PCB 80 then 01', () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    const reports = toReports({ type: MESSAGE_TYPE.dataBlock, slot: 0, seq: 3, params: [0, 0, 0], data });
    expect(reports.map((r) => r[0])).toEqual([0x80, 0x01]);
    expect(hex(reports[0]!.subarray(1, 11))).toBe('80640000000003000000');
    expect(reports[0]![63]).toBe(52); // 63 bytes per fragment: 10 header + data[0..52]
    expect(reports[1]![1]).toBe(53);
    expect(reports[1]![1 + 46]).toBe(99);
    expect(reports[1]!.subarray(48).every((b) => b === 0)).toBe(true);
  });

  it('reassembles fragments into the original message', () => {
    const message: CcidMessage = { type: MESSAGE_TYPE.dataBlock, slot: 0, seq: 9, params: [0x40, 0xfe, 0], data: Uint8Array.from({ length: 300 }, (_, i) => i & 0xff) };
    const r = new Reassembler();
    const results = toReports(message).map((report) => r.push(report));
    expect(results.slice(0, -1).every((x) => x.kind === 'incomplete')).toBe(true);
    expect(results.at(-1)).toEqual({ kind: 'message', message });
  });

  it('reports malformed reports as typed errors', () => {
    const r = new Reassembler();
    expect(r.push(new Uint8Array(10))).toEqual({ kind: 'error', error: { kind: 'reportSize', length: 10 } });
    const out = new Uint8Array(REPORT_SIZE);
    out[0] = 0x03;
    expect(r.push(out)).toEqual({ kind: 'error', error: { kind: 'sequence', expected: 0, actual: 3 } });
    const short = new Uint8Array(REPORT_SIZE);
    short.set([0x00, 0x80, 0xff, 0x00, 0x00, 0x00], 0);
    expect(r.push(short)).toEqual({ kind: 'error', error: { kind: 'length', declared: 0xff, available: 53 } });
    expect(decodeMessage(new Uint8Array(5))).toEqual({ ok: false, error: { kind: 'header', length: 5 } });
    const dirty = new Uint8Array(REPORT_SIZE);
    dirty[1] = 0x81;
    dirty[40] = 1;
    expect(r.push(dirty)).toEqual({ kind: 'error', error: { kind: 'padding' } });
  });

  it('drops a partial message when a new one starts', () => {
    const r = new Reassembler();
    const long = toReports({ type: MESSAGE_TYPE.dataBlock, slot: 0, seq: 1, params: [0, 0, 0], data: new Uint8Array(100) });
    const short: CcidMessage = { type: MESSAGE_TYPE.slotStatus, slot: 0, seq: 2, params: [2, 0, 0], data: new Uint8Array(0) };
    expect(r.push(long[0]!).kind).toBe('incomplete');
    expect(r.push(toReports(short)[0]!)).toEqual({ kind: 'message', message: short });
    expect(r.droppedMessages).toBe(1);
  });

  it('property: random reports never throw and every result is typed', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 70 }), { maxLength: 30 }), (reports) => {
        const r = new Reassembler();
        for (const report of reports) expect(['incomplete', 'message', 'error']).toContain(r.push(report).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('property: any message survives fragmentation and reassembly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 2000 }), (type, seq, data) => {
        const message: CcidMessage = { type, slot: 0, seq, params: [1, 2, 3], data };
        const r = new Reassembler();
        const results = toReports(message).map((report) => r.push(report));
        expect(results.at(-1)).toEqual({ kind: 'message', message });
      }),
      { numRuns: 200 },
    );
  });

  it('property: a truncated report stream never yields a message', () => {
    const reports = toReports({ type: MESSAGE_TYPE.dataBlock, slot: 0, seq: 1, params: [0, 0, 0], data: new Uint8Array(500) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: reports.length - 1 }), fc.integer({ min: 0, max: 63 }), (count, cut) => {
        const r = new Reassembler();
        const results = reports.slice(0, count).map((x) => r.push(x));
        const last = reports[count]!;
        results.push(r.push(last.subarray(0, cut)));
        expect(results.some((x) => x.kind === 'message')).toBe(false);
      }),
    );
  });
});
