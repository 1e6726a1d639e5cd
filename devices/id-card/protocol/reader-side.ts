import { buildResponseFrame } from './frame';
import { encodeReadPayload, PHOTO_LENGTH } from './read-payload';
import { encodeTextBlock } from './text-block';
import type { IdCardData } from './types';

// The reader's side of the codec, used by the simulator: response frames as a reader sends them.

export const okFrame = (data?: Uint8Array): Uint8Array => buildResponseFrame(0x90, data);
export const statusFrame = (sw3: number): Uint8Array => buildResponseFrame(sw3);
/** Find OK carries 4 zero bytes in every public capture. */
export const findOkFrame = (): Uint8Array => buildResponseFrame(0x9f, new Uint8Array(4));
/** Select OK carries 8 zero bytes in every public capture. */
export const selectOkFrame = (): Uint8Array => buildResponseFrame(0x90, new Uint8Array(8));

/**
 * A stand-in for the 1024-byte WLT photo. It is NOT a WLT image (that format needs the vendor
 * decoder); it only lets the codec and the audit path carry realistic bytes.
 */
export function placeholderWlt(seed = 0x57): Uint8Array {
  const photo = new Uint8Array(PHOTO_LENGTH);
  photo.set([0x57, 0x4c, 0x66], 0); // "WLf" marker, not a real header
  for (let i = 3; i < PHOTO_LENGTH; i++) photo[i] = (i * 31 + seed) & 0xff;
  return photo;
}

/** The complete 1295-byte reply to 30 01 for a card. */
export function readReplyFrame(card: IdCardData): Uint8Array {
  const photo = card.photoWlt ?? placeholderWlt();
  if (photo.length !== PHOTO_LENGTH) throw new RangeError(`photo must be ${PHOTO_LENGTH} bytes`);
  return okFrame(encodeReadPayload(encodeTextBlock(card), photo));
}
