import { idNumberProblem, isCalendarDate, type IdNumberProblem } from '../../shared/id-number';
import { genderText, isGenderCode, nationText } from '../../shared/person-codes';
import type { IdCardIdentity, IdCardText } from './types';

// The 256-byte UCS-2LE text block (DEVICES.md §1.6). Widths are in UCS-2 characters.
export const TEXT_BLOCK_LENGTH = 256;

const FIELDS = [
  ['name', 15],
  ['gender', 1],
  ['nation', 2],
  ['birth', 8],
  ['address', 35],
  ['idNumber', 18],
  ['issuer', 15],
  ['validFrom', 8],
  ['validTo', 8],
] as const satisfies ReadonlyArray<readonly [keyof IdCardText, number]>;
const RESERVED_CHARS = 18;

export const LONG_TERM = '长期';

export type TextBlockError =
  | { kind: 'length'; length: number }
  | { kind: 'gender' }
  | { kind: 'nation' }
  | { kind: 'date'; field: 'birth' | 'validFrom' | 'validTo' }
  | { kind: 'idNumber'; problem: IdNumberProblem }
  | { kind: 'empty'; field: 'name' | 'idNumber' };

export type TextDecodeResult = { ok: true; value: Omit<IdCardIdentity, 'photoWlt'> } | { ok: false; error: TextBlockError };

/** Decodes and validates a text block. Never throws: problems come back as a typed error. */
export function decodeTextBlock(block: Uint8Array): TextDecodeResult {
  if (block.length !== TEXT_BLOCK_LENGTH) return fail({ kind: 'length', length: block.length });
  const raw = {} as Record<keyof IdCardText, string>;
  let offset = 0;
  for (const [field, chars] of FIELDS) {
    raw[field] = ucs2(block.subarray(offset, offset + chars * 2));
    offset += chars * 2;
  }
  if (!raw.name) return fail({ kind: 'empty', field: 'name' });
  if (!raw.idNumber) return fail({ kind: 'empty', field: 'idNumber' });
  const gender = raw.gender;
  if (!isGenderCode(gender)) return fail({ kind: 'gender' });
  const nation = nationText(raw.nation);
  if (nation === undefined) return fail({ kind: 'nation' });
  for (const field of ['birth', 'validFrom'] as const) {
    if (!isCalendarDate(raw[field])) return fail({ kind: 'date', field });
  }
  if (raw.validTo !== LONG_TERM && !isCalendarDate(raw.validTo)) return fail({ kind: 'date', field: 'validTo' });
  const problem = idNumberProblem(raw.idNumber);
  if (problem) return fail({ kind: 'idNumber', problem });
  return { ok: true, value: { ...raw, gender, genderText: genderText(gender), nationText: nation } };
}

/** Builds a text block from card data (the simulator's side). Throws on data that cannot fit. */
export function encodeTextBlock(text: IdCardText): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_LENGTH);
  let offset = 0;
  for (const [field, chars] of FIELDS) {
    const value = text[field];
    if (value.length > chars) throw new RangeError(`${field} is longer than ${chars} characters`);
    block.set(Buffer.from(value.padEnd(chars, ' '), 'utf16le'), offset);
    offset += chars * 2;
  }
  block.set(Buffer.from(''.padEnd(RESERVED_CHARS, ' '), 'utf16le'), offset);
  return block;
}

function ucs2(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf16le')
    .replace(/[\u0020\u0000]+$/u, '');
}

const fail = (error: TextBlockError): TextDecodeResult => ({ ok: false, error });
