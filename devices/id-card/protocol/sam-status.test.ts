import { describe, expect, it } from 'vitest';
import { SAM_STATUS_CODES, samStatus } from './sam-status';

describe('samStatus (DEVICES.md §1.4)', () => {
  it('maps all 18 documented SW3 codes to a named, categorised status', () => {
    expect(SAM_STATUS_CODES).toHaveLength(18);
    const names = SAM_STATUS_CODES.map((code) => samStatus(code).name);
    expect(new Set(names).size).toBe(18);
    expect(names).not.toContain('unknownStatus');
  });

  it.each([
    [0x90, 'ok', 'success'],
    [0x91, 'noContent', 'success'],
    [0x9f, 'findOk', 'success'],
    [0x10, 'hostChecksumError', 'host'],
    [0x11, 'hostLengthError', 'host'],
    [0x21, 'commandError', 'host'],
    [0x23, 'notPermitted', 'host'],
    [0x24, 'unrecognisedError', 'host'],
    [0x31, 'cardAuthenticatesSamFailed', 'card'],
    [0x32, 'samAuthenticatesCardFailed', 'card'],
    [0x33, 'verificationError', 'card'],
    [0x40, 'unknownCardType', 'card'],
    [0x41, 'readFailed', 'card'],
    [0x47, 'randomNumberFailed', 'card'],
    [0x60, 'samSelfTestFailed', 'sam'],
    [0x66, 'samNotAuthorised', 'sam'],
    [0x80, 'noCard', 'noCard'],
    [0x81, 'selectFailed', 'card'],
  ])('0x%s', (sw3, name, category) => {
    expect(samStatus(sw3)).toMatchObject({ sw3, name, category });
  });

  it('turns an undocumented code (e.g. 0x05, an sdtapi.dll host code) into unknownStatus', () => {
    expect(samStatus(0x05)).toMatchObject({ name: 'unknownStatus', category: 'unknown' });
  });
});
