import { isValidIdNumber } from '../../shared/id-number';
import { genderText, isGenderCode, nationText } from '../../shared/person-codes';
import { SsCardError } from '../ss-card-error';
import { parseResponse, swHex, type ResponseApdu } from './apdu';
import type { CardTransport } from './card-transport';
import { decodeRecord, EF05_RECORDS, EF06_RECORDS, type FieldKey, type RecordSpec } from './records';
import { EF05, EF06, getResponse, readRecord, selectByName, selectEf, SSSE_AID, verifyPin, withLe } from './ssse';
import type { SsCardIdentity } from './types';

const MAX_GET_RESPONSE = 16;

/**
 * Sends an APDU and follows the transport-level status words: 6Cxx re-issues the command with
 * Le = xx, 61xx fetches the rest with GET RESPONSE (DEVICES.md §2.4). Returns the final response.
 */
export async function transmitApdu(transport: CardTransport, apdu: Uint8Array): Promise<ResponseApdu> {
  let response = await send(transport, apdu);
  if (response.sw1 === 0x6c) response = await send(transport, withLe(apdu, response.sw2));
  const chunks: Uint8Array[] = [response.data];
  for (let i = 0; response.sw1 === 0x61; i++) {
    if (i >= MAX_GET_RESPONSE) throw new SsCardError('cardStatus', 'too many GET RESPONSE rounds', { sw: response.sw });
    response = await send(transport, getResponse(response.sw2));
    chunks.push(response.data);
  }
  return { ...response, data: Uint8Array.from(Buffer.concat(chunks)) };
}

async function send(transport: CardTransport, apdu: Uint8Array): Promise<ResponseApdu> {
  const response = parseResponse(await transport.transmit(apdu));
  if (!response) throw new SsCardError('cardStatus', 'response shorter than a status word');
  return response;
}

export type ReadBasicOptions = { pin?: string };

/**
 * The kiosk's read flow: SELECT SSSE → SELECT EF05 → READ records → SELECT EF06 → (VERIFY) →
 * READ records. The chip must already be powered; errors are SsCardError.
 */
export async function readBasicRecords(transport: CardTransport, options: ReadBasicOptions = {}): Promise<SsCardIdentity> {
  const select = await transmitApdu(transport, selectByName(SSSE_AID));
  if (select.sw === 0x6a82) throw new SsCardError('notSsCard', 'no SSSE application: not a social-security card', { sw: select.sw });
  expectOk(select, 'SELECT SSSE');

  const fields: Partial<Record<FieldKey, string>> = {};
  await selectFile(transport, EF05, 'EF05');
  for (const spec of EF05_RECORDS) fields[spec.field] = await read(transport, spec);

  await selectFile(transport, EF06, 'EF06');
  if (options.pin !== undefined) await verify(transport, options.pin);
  for (const spec of EF06_RECORDS) fields[spec.field] = await read(transport, spec);
  return toIdentity(fields);
}

/** VERIFY; a wrong PIN reports how many tries are left (63Cx). */
export async function verify(transport: CardTransport, pin: string): Promise<void> {
  let apdu: Uint8Array;
  try {
    apdu = verifyPin(pin);
  } catch {
    throw new SsCardError('pinWrong', 'PIN format invalid');
  }
  const response = await transmitApdu(transport, apdu);
  if (response.sw === 0x9000) return;
  if (response.sw1 === 0x63 && (response.sw2 & 0xf0) === 0xc0) {
    const triesLeft = response.sw2 & 0x0f;
    if (triesLeft === 0) throw new SsCardError('pinBlocked', 'PIN blocked', { sw: response.sw, triesLeft });
    throw new SsCardError('pinWrong', `wrong PIN, ${triesLeft} tries left`, { sw: response.sw, triesLeft });
  }
  if (response.sw === 0x6983) throw new SsCardError('pinBlocked', 'PIN blocked', { sw: response.sw, triesLeft: 0 });
  throw new SsCardError('cardStatus', `VERIFY answered ${swHex(response.sw)}`, { sw: response.sw });
}

async function selectFile(transport: CardTransport, fid: number, name: string): Promise<void> {
  expectOk(await transmitApdu(transport, selectEf(fid)), `SELECT ${name}`);
}

async function read(transport: CardTransport, spec: RecordSpec): Promise<string> {
  const response = await transmitApdu(transport, readRecord(spec.record, 2 + spec.length));
  if (response.sw === 0x6982) throw new SsCardError('pinRequired', `record ${spec.record} needs the PIN`, { sw: response.sw });
  expectOk(response, `READ RECORD ${spec.record}`);
  const decoded = decodeRecord(spec, response.data);
  if (!decoded.ok) throw new SsCardError('cardData', `record ${spec.record} (${spec.field}): ${decoded.error.kind}`);
  return decoded.value;
}

function expectOk(response: ResponseApdu, what: string): void {
  if (response.sw !== 0x9000) throw new SsCardError('cardStatus', `${what} answered ${swHex(response.sw)}`, { sw: response.sw });
}

function toIdentity(fields: Partial<Record<FieldKey, string>>): SsCardIdentity {
  const get = (key: FieldKey) => {
    const value = fields[key];
    if (value === undefined) throw new SsCardError('cardData', `${key} missing`);
    return value;
  };
  const gender = get('gender');
  if (!isGenderCode(gender)) throw new SsCardError('cardData', 'gender code invalid');
  const nation = get('nation');
  const nationName = nationText(nation);
  if (nationName === undefined) throw new SsCardError('cardData', 'nation code invalid');
  const ssn = get('ssn');
  const cardId = get('cardId');
  return {
    cardId,
    regionCode: cardId.slice(0, 6),
    cardType: get('cardType'),
    version: get('version'),
    orgNumber: get('orgNumber'),
    issueDate: get('issueDate'),
    expiryDate: get('expiryDate'),
    cardNumber: get('cardNumber'),
    ssn,
    ssnValid: isValidIdNumber(ssn),
    name: get('name'),
    gender,
    genderText: genderText(gender),
    nation,
    nationText: nationName,
    birthPlace: get('birthPlace'),
    birth: get('birth'),
  };
}

/** Powers the card, reads the basic data, and powers it off again whatever happens. */
export async function readBasic(transport: CardTransport, options: ReadBasicOptions = {}): Promise<{ atr: Uint8Array; identity: SsCardIdentity }> {
  const atr = await transport.powerOn();
  try {
    return { atr, identity: await readBasicRecords(transport, options) };
  } finally {
    await transport.powerOff().catch(() => undefined);
  }
}
