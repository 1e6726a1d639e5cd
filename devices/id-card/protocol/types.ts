import type { GenderCode } from '../../shared/person-codes';

/** What is printed on (and stored in) the card's text block: the simulator's input. */
export type IdCardText = {
  name: string;
  gender: GenderCode;
  /** GB 3304 two-digit code, e.g. '01'. */
  nation: string;
  /** YYYYMMDD */
  birth: string;
  address: string;
  idNumber: string;
  issuer: string;
  /** YYYYMMDD */
  validFrom: string;
  /** YYYYMMDD or '长期' for long-term cards. */
  validTo: string;
};

/** A card as the simulator holds it: the text plus the raw WLT photo (1024 bytes). */
export type IdCardData = IdCardText & { photoWlt?: Uint8Array };

/** A decoded card. The photo stays raw WLT: decoding it needs the vendor library (§1.8). */
export type IdCardIdentity = IdCardText & {
  genderText: string;
  nationText: string;
  photoWlt: Uint8Array;
};
