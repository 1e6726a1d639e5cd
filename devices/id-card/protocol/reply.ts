import type { SamCommand } from './commands';
import { decodeReadPayload, PHOTO_LENGTH } from './read-payload';
import { samStatus, type SamStatus } from './sam-status';
import { decodeTextBlock, TEXT_BLOCK_LENGTH, type TextBlockError } from './text-block';
import type { IdCardIdentity } from './types';

export type SamReply = { sw1: number; sw2: number; sw3: number; data: Uint8Array };

/** Splits a response body (SW1 SW2 SW3 DATA…); undefined when it is too short to be one. */
export function parseReplyBody(body: Uint8Array): SamReply | undefined {
  if (body.length < 3) return undefined;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.slice(3) };
}

/**
 * A reply judged against the command it answers:
 * - `ok`: the success code and data shape this command produces;
 * - `status`: a documented failure code (no card, read failed, SAM fault…);
 * - `unexpected`: a reply that cannot belong to this command (wrong success code, wrong data
 *   length, SW1/SW2 not zero), e.g. a late answer to an earlier command.
 */
export type ReplyCheck =
  | { kind: 'ok'; data: Uint8Array }
  | { kind: 'status'; status: SamStatus }
  | { kind: 'unexpected'; reason: string };

type Expectation = { sw3: number; dataLength?: (n: number) => boolean };

const EXPECT: Record<SamCommand, Expectation> = {
  reset: { sw3: 0x90, dataLength: (n) => n === 0 },
  status: { sw3: 0x90, dataLength: (n) => n === 0 },
  samId: { sw3: 0x90, dataLength: (n) => n === 16 },
  find: { sw3: 0x9f, dataLength: (n) => n === 4 },
  select: { sw3: 0x90, dataLength: (n) => n === 8 },
  readTextPhoto: { sw3: 0x90, dataLength: (n) => n === 4 + TEXT_BLOCK_LENGTH + PHOTO_LENGTH },
  readTextPhotoFingerprint: { sw3: 0x90, dataLength: (n) => n >= 6 + TEXT_BLOCK_LENGTH + PHOTO_LENGTH },
  readNewAddress: { sw3: 0x90, dataLength: (n) => n > 0 },
  readChipId: { sw3: 0x90, dataLength: (n) => n > 0 },
  setMaxRfBytes: { sw3: 0x90, dataLength: (n) => n === 0 },
};

export function checkReply(command: SamCommand, reply: SamReply): ReplyCheck {
  if (reply.sw1 !== 0 || reply.sw2 !== 0) return { kind: 'unexpected', reason: `SW1 SW2 = ${hex(reply.sw1)} ${hex(reply.sw2)}` };
  const expected = EXPECT[command];
  const status = samStatus(reply.sw3);
  if (reply.sw3 === expected.sw3) {
    if (expected.dataLength && !expected.dataLength(reply.data.length)) {
      return { kind: 'unexpected', reason: `${command}: ${reply.data.length} data bytes` };
    }
    return { kind: 'ok', data: reply.data };
  }
  // Another command's success code (9F to a read, 90 to a find) means the reply is not ours.
  if (status.category === 'success' && !(reply.sw3 === 0x91 && command === 'readNewAddress')) {
    return { kind: 'unexpected', reason: `${command}: answered ${status.name}` };
  }
  if (status.category !== 'success' && reply.data.length > 0) {
    return { kind: 'unexpected', reason: `${command}: failure ${hex(reply.sw3)} carries data` };
  }
  return { kind: 'status', status };
}

export type IdentityError = { kind: 'payload'; reason: string } | { kind: 'text'; error: TextBlockError };

/** Decodes the data of a successful 30 01 (or 30 10) reply into an identity. Never throws. */
export function decodeIdentity(
  data: Uint8Array,
  withFingerprint = false,
): { ok: true; value: IdCardIdentity } | { ok: false; error: IdentityError } {
  const payload = decodeReadPayload(data, withFingerprint);
  if (!payload.ok) return { ok: false, error: { kind: 'payload', reason: payload.error.kind } };
  const { text, photo } = payload.value;
  if (text.length !== TEXT_BLOCK_LENGTH) return { ok: false, error: { kind: 'payload', reason: 'text length' } };
  if (photo.length !== PHOTO_LENGTH) return { ok: false, error: { kind: 'payload', reason: 'photo length' } };
  const decoded = decodeTextBlock(text);
  if (!decoded.ok) return { ok: false, error: { kind: 'text', error: decoded.error } };
  return { ok: true, value: { ...decoded.value, photoWlt: photo } };
}

const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
