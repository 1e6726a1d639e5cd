import { describe, expect, it } from 'vitest';
import { decodeStatusReply, encodeStatusReply, refusalFor, toPrinterStatus, type PrinterConditions } from './realtime-status';

const merge = (replies: Array<[1 | 2 | 3 | 4, number]>): PrinterConditions =>
  Object.assign({}, ...replies.map(([n, b]) => decodeStatusReply(n, b)));

describe('DLE EOT status', () => {
  it('decodes the out-of-paper vector: 10 04 04 → 7E (DEVICES.md §7)', () => {
    expect(decodeStatusReply(4, 0x7e)).toEqual({ paperNearEnd: true, paperEnd: true });
  });

  it('decodes 12 as all clear for every query', () => {
    const c = merge([[1, 0x12], [2, 0x12], [3, 0x12], [4, 0x12]]);
    expect(refusalFor(c)).toBeUndefined();
    expect(toPrinterStatus(c, 't')).toEqual({ device: 'online', paper: 'full', coverOpen: false, since: 't' });
  });

  it('decodes an out-of-paper printer (1A / 32 / 7E from hardless_http_dialects)', () => {
    const c = merge([[1, 0x1a], [2, 0x32], [3, 0x12], [4, 0x7e]]);
    expect(c).toMatchObject({ offline: true, stoppedByPaperEnd: true, paperEnd: true, coverOpen: false });
    expect(refusalFor(c)).toBe('paperOut');
    expect(toPrinterStatus(c, 't').paper).toBe('out');
  });

  it('decodes cover open, cutter error and paper near end', () => {
    expect(merge([[2, 0x16]])).toMatchObject({ coverOpen: true });
    expect(refusalFor(merge([[1, 0x1a], [2, 0x16]]))).toBe('coverOpen');
    expect(refusalFor(merge([[3, 0x1a]]))).toBe('cutterError');
    const low = merge([[1, 0x12], [2, 0x12], [3, 0x12], [4, 0x1e]]);
    expect(refusalFor(low)).toBeUndefined();
    expect(toPrinterStatus(low, 't').paper).toBe('low');
  });

  it('rejects bytes that break the fixed bit pattern', () => {
    expect(decodeStatusReply(4, 0x00)).toBeUndefined();
    expect(decodeStatusReply(4, 0xff)).toBeUndefined();
    expect(decodeStatusReply(9, 0x12)).toBeUndefined();
  });

  it('encodes what it decodes', () => {
    expect(encodeStatusReply(4, { paperNearEnd: true, paperEnd: true })).toBe(0x7e);
    expect(encodeStatusReply(1, { offline: true })).toBe(0x1a);
    expect(encodeStatusReply(2, { stoppedByPaperEnd: true })).toBe(0x32);
    expect(encodeStatusReply(3, {})).toBe(0x12);
  });
});
