import { decodeApdu, encodeResponse } from './apdu/apdu';
import { encodeRecords } from './apdu/records';
import { EF05, EF06, pinToBcd, SSSE_AID } from './apdu/ssse';
import type { SsCardData } from './apdu/types';

export type SimulatedCardOptions = {
  /** When set, VERIFY checks it and (with `pinProtectsEf06`) EF06 needs it. */
  pin?: string;
  pinTries?: number;
  /** EF06 reads answer 6982 until VERIFY succeeded (regions that protect cardholder data). */
  pinProtectsEf06?: boolean;
  /** SELECT SSSE answers 61xx and hands the FCI out through GET RESPONSE. */
  selectAnswers61?: boolean;
};

const SSSE_ATR = Uint8Array.of(0x3b, 0x6c, 0x00, 0x00, 0x53, 0x53, 0x53, 0x45, 0x2d, 0x53, 0x49, 0x4d, 0x2d, 0x76, 0x30, 0x00, 0x00);
const BANK_ATR = Uint8Array.of(0x3b, 0x68, 0x00, 0x00, 0x42, 0x41, 0x4e, 0x4b, 0x2d, 0x53, 0x49, 0x4d);

const SW = { ok: 0x9000, wrongLength: 0x6700, securityNotSatisfied: 0x6982, pinBlocked: 0x6983, conditionsNotSatisfied: 0x6985, noCurrentEf: 0x6986, fileNotFound: 0x6a82, recordNotFound: 0x6a83, wrongP1P2: 0x6a86, insNotSupported: 0x6d00, claNotSupported: 0x6e00 } as const;

type Chip = { atr: Uint8Array; process(apdu: Uint8Array): Uint8Array; reset(): void };

/**
 * A social-security card's chip: answers APDUs the way the card does (SELECT by AID and FID,
 * GET RESPONSE after 61xx, READ RECORD with 6Cxx for a wrong Le, VERIFY with 63Cx tries left).
 */
export class SimulatedSsCard implements Chip {
  readonly atr = SSSE_ATR;
  private readonly records: { ef05: Map<number, Uint8Array>; ef06: Map<number, Uint8Array> };
  private df: 'MF' | 'SSSE' = 'MF';
  private ef: number | undefined;
  private verified = false;
  private triesLeft: number;
  private pending: Uint8Array | undefined;

  constructor(
    card: SsCardData,
    private readonly options: SimulatedCardOptions = {},
  ) {
    this.records = encodeRecords(card);
    this.triesLeft = options.pinTries ?? 3;
  }

  get pinTriesLeft(): number {
    return this.triesLeft;
  }

  /** Power cycle: the selection and PIN state are lost, the try counter is not. */
  reset(): void {
    this.df = 'MF';
    this.ef = undefined;
    this.verified = false;
    this.pending = undefined;
  }

  process(bytes: Uint8Array): Uint8Array {
    const apdu = decodeApdu(bytes);
    if (!apdu) return sw(SW.wrongLength);
    if (apdu.cla !== 0x00) return sw(SW.claNotSupported);
    if (apdu.ins !== 0xc0) this.pending = undefined;
    switch (apdu.ins) {
      case 0xa4:
        return this.select(apdu.p1, apdu.data);
      case 0xc0:
        return this.getResponse(apdu.le ?? 0);
      case 0xb2:
        return this.readRecord(apdu.p1, apdu.p2, apdu.le);
      case 0x20:
        return this.verify(apdu.data);
      default:
        return sw(SW.insNotSupported);
    }
  }

  private select(p1: number, data: Uint8Array | undefined): Uint8Array {
    if (!data) return sw(SW.wrongLength);
    if (p1 === 0x04) {
      if (!equal(data, SSSE_AID)) return sw(SW.fileNotFound);
      this.df = 'SSSE';
      this.ef = undefined;
      const fci = Uint8Array.from([0x6f, SSSE_AID.length + 2, 0x84, SSSE_AID.length, ...SSSE_AID]);
      if (this.options.selectAnswers61) {
        this.pending = fci;
        return sw(0x6100 | fci.length);
      }
      return encodeResponse(fci, SW.ok);
    }
    if ((p1 === 0x02 || p1 === 0x00) && data.length === 2) {
      const fid = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
      if (this.df !== 'SSSE' || (fid !== EF05 && fid !== EF06)) return sw(SW.fileNotFound);
      this.ef = fid;
      return sw(SW.ok);
    }
    return sw(SW.wrongP1P2);
  }

  private getResponse(le: number): Uint8Array {
    const pending = this.pending;
    if (!pending) return sw(SW.conditionsNotSatisfied);
    const n = le === 0 ? pending.length : Math.min(le, pending.length);
    const rest = pending.subarray(n);
    this.pending = rest.length > 0 ? rest : undefined;
    return encodeResponse(pending.subarray(0, n), rest.length > 0 ? 0x6100 | Math.min(rest.length, 0xff) : SW.ok);
  }

  private readRecord(record: number, p2: number, le: number | undefined): Uint8Array {
    if ((p2 & 0x07) !== 0x04) return sw(SW.wrongP1P2);
    const sfi = p2 >> 3;
    const ef = sfi === 0 ? this.ef : sfi === 5 ? EF05 : sfi === 6 ? EF06 : -1;
    if (ef === undefined) return sw(SW.noCurrentEf);
    const file = ef === EF05 ? this.records.ef05 : ef === EF06 ? this.records.ef06 : undefined;
    if (!file || this.df !== 'SSSE') return sw(SW.fileNotFound);
    if (ef === EF06 && this.options.pinProtectsEf06 && !this.verified) return sw(SW.securityNotSatisfied);
    const body = file.get(record);
    if (!body) return sw(SW.recordNotFound);
    // Le 00 asks for the whole record; any other Le must be exact, else 6C with the right one.
    if (le === undefined || (le !== 0 && le !== body.length)) return sw(0x6c00 | body.length);
    return encodeResponse(body, SW.ok);
  }

  private verify(data: Uint8Array | undefined): Uint8Array {
    const pin = this.options.pin;
    if (pin === undefined) return sw(SW.ok);
    if (this.triesLeft === 0) return sw(SW.pinBlocked);
    if (data && equal(data, pinToBcd(pin))) {
      this.triesLeft = this.options.pinTries ?? 3;
      this.verified = true;
      return sw(SW.ok);
    }
    this.triesLeft -= 1;
    this.verified = false;
    return sw(0x63c0 | this.triesLeft);
  }
}

/** A chip card without the SSSE application (e.g. a bank card): SELECT SSSE → 6A82. */
export class SimulatedBankCard implements Chip {
  readonly atr = BANK_ATR;
  reset(): void {}
  process(bytes: Uint8Array): Uint8Array {
    const apdu = decodeApdu(bytes);
    if (!apdu) return sw(SW.wrongLength);
    if (apdu.ins === 0xa4) return sw(SW.fileNotFound);
    return sw(SW.insNotSupported);
  }
}

export type SimulatedChip = SimulatedSsCard | SimulatedBankCard;

const sw = (word: number) => encodeResponse(new Uint8Array(0), word);
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
