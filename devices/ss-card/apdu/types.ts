import type { GenderCode } from '../../shared/person-codes';

/** What the simulated card holds (matches fixtures/residents ssCard); optional fields are derived. */
export type SsCardData = {
  /** 卡号, 9 characters (8 on older cards). */
  cardNumber: string;
  /** 规范版本, e.g. "3.00". */
  version: string;
  /** YYYYMMDD */
  issueDate: string;
  /** YYYYMMDD */
  expiryDate: string;
  /** 社会保障号码 (= citizen ID number). */
  ssn: string;
  name: string;
  gender: string;
  /** GB 3304 two-digit code. */
  nation: string;
  /** 6-digit division code. */
  birthPlace: string;
  /** YYYYMMDD */
  birth: string;
  /** 卡识别码, 32 hex digits; derived from the region when absent. */
  cardId?: string;
  /** 卡的类别, one ASCII character; "1" when absent. */
  cardType?: string;
  /** 初始化机构编号, 24 hex digits; derived when absent. */
  orgNumber?: string;
};

/** The basic data read from EF05 and EF06. */
export type SsCardIdentity = {
  /** 卡识别码 as 32 hex digits. */
  cardId: string;
  /** 统筹区码: the first 6 digits of the card id. */
  regionCode: string;
  cardType: string;
  version: string;
  orgNumber: string;
  issueDate: string;
  expiryDate: string;
  cardNumber: string;
  ssn: string;
  /** Whether the SSN passes the GB 11643 check digit (it is the ID number for citizens). */
  ssnValid: boolean;
  name: string;
  gender: GenderCode;
  genderText: string;
  nation: string;
  nationText: string;
  birthPlace: string;
  birth: string;
};
