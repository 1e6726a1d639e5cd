import { describe, expect, it } from 'vitest';
import { commandFrame, commandOf } from './commands';
import { buildResponseFrame } from './frame';
import { formatSamId } from './sam-id';
import { findOkFrame, selectOkFrame, statusFrame, okFrame } from './reader-side';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const spaced = (s: string) => s.replace(/ /g, '');

describe('SAM command frames (DEVICES.md §1.3 and §7)', () => {
  it.each([
    ['reset', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['status', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['samId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['find', 'AA AA AA 96 69 00 03 20 01 22'],
    ['select', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readTextPhoto', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readTextPhotoFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
    ['readNewAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readChipId', 'AA AA AA 96 69 00 03 30 05 36'],
  ] as const)('%s → %s', (command, expected) => {
    expect(hex(commandFrame(command))).toBe(spaced(expected));
  });

  it('set max RF bytes carries one data byte', () => {
    expect(hex(commandFrame('setMaxRfBytes', Uint8Array.of(0x50)))).toBe(spaced('AA AA AA 96 69 00 04 61 FF 50 CA'));
  });

  it('recognises a command body on the reader side', () => {
    expect(commandOf(Uint8Array.of(0x30, 0x01))).toBe('readTextPhoto');
    expect(commandOf(Uint8Array.of(0x99, 0x01))).toBeUndefined();
  });
});

describe('SAM response frames (DEVICES.md §1.4)', () => {
  it.each([
    [okFrame(), 'AA AA AA 96 69 00 04 00 00 90 94'],
    [findOkFrame(), 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
    [selectOkFrame(), 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
    [statusFrame(0x80), 'AA AA AA 96 69 00 04 00 00 80 84'],
    [statusFrame(0x81), 'AA AA AA 96 69 00 04 00 00 81 85'],
    [statusFrame(0x41), 'AA AA AA 96 69 00 04 00 00 41 45'],
    [statusFrame(0x31), 'AA AA AA 96 69 00 04 00 00 31 35'],
    [buildResponseFrame(0x60), 'AA AA AA 96 69 00 04 00 00 60 64'],
  ])('%#: builds the published bytes', (frame, expected) => {
    expect(hex(frame)).toBe(spaced(expected));
  });
});

describe('SAM id (12 FF)', () => {
  it('renders the 16 data bytes as HslCommunication does', () => {
    const data = Uint8Array.of(5, 0, 1, 0, 0x78, 0x56, 0x34, 0x12, 0x15, 0xcd, 0x5b, 0x07, 0x01, 0, 0, 0);
    expect(formatSamId(data)).toBe('05.01-305419896-123456789-000000001');
    expect(formatSamId(new Uint8Array(15))).toBeUndefined();
  });
});
