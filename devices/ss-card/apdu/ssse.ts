import { encodeApdu } from './apdu';

// Commands of the SSSE application (DEVICES.md §2.1, §2.4).

/** "sx1.sh." + GBK 社会保障 */
export const SSSE_AID = Uint8Array.of(0x73, 0x78, 0x31, 0x2e, 0x73, 0x68, 0x2e, 0xc9, 0xe7, 0xbb, 0xe1, 0xb1, 0xa3, 0xd5, 0xcf);

export const EF05 = 0xef05;
export const EF06 = 0xef06;

export const selectByName = (aid: Uint8Array): Uint8Array => encodeApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: aid });

export const selectEf = (fid: number): Uint8Array =>
  encodeApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x00, data: Uint8Array.of(fid >> 8, fid & 0xff) });

/** READ RECORD by record number in the current EF (P2 = 04). */
export const readRecord = (record: number, le: number): Uint8Array => encodeApdu({ cla: 0x00, ins: 0xb2, p1: record, p2: 0x04, le });

export const getResponse = (le: number): Uint8Array => encodeApdu({ cla: 0x00, ins: 0xc0, p1: 0x00, p2: 0x00, le });

/** VERIFY with the PIN digits packed as BCD (e.g. "123456" → 12 34 56). */
export function verifyPin(pin: string): Uint8Array {
  return encodeApdu({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x00, data: pinToBcd(pin) });
}

export function pinToBcd(pin: string): Uint8Array {
  if (!/^\d{2,12}$/.test(pin) || pin.length % 2 !== 0) throw new RangeError('PIN must be an even number of 2–12 digits');
  const out = new Uint8Array(pin.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (Number(pin[2 * i]) << 4) | Number(pin[2 * i + 1]);
  return out;
}

/** Sets the Le byte of an APDU (for a 6Cxx re-issue): replaces it in case 2/4, appends it in case 1/3. */
export function withLe(apdu: Uint8Array, le: number): Uint8Array {
  const lc = apdu[4] ?? 0;
  const hasLe = apdu.length === 5 || (apdu.length > 5 && apdu.length === 6 + lc);
  const out = new Uint8Array(hasLe ? apdu.length : apdu.length + 1);
  out.set(apdu);
  out[out.length - 1] = le;
  return out;
}
