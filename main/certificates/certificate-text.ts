import type { ResidentIdentity } from '../session/resident-session';
import type { CertificateType, FamilyPlanningRecord, HouseholdRecord } from './records';

/** Everything printed on a certificate, as text: the PDF lays it out, the signature covers it. */
export type CertificateText = {
  type: CertificateType;
  title: string;
  number: string;
  paragraphs: string[];
  issuer: string;
  issuedOn: string;
  notes: string[];
};

export const CERTIFICATE_TITLES: Record<CertificateType, string> = {
  household: '户籍证明',
  'family-planning': '婚育情况证明',
};

const GENDER: Record<string, string> = { '1': '男', '2': '女', '0': '未知', '9': '未说明' };

/** 19580312 → 1958年03月12日 */
export const chineseDate = (yyyymmdd: string): string =>
  `${yyyymmdd.slice(0, 4)}年${yyyymmdd.slice(4, 6)}月${yyyymmdd.slice(6, 8)}日`;

/** A timestamp as the date in Guangzhou, YYYYMMDD. */
export function localDate(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function householdText(person: ResidentIdentity, record: HouseholdRecord, number: string, now: number): CertificateText {
  const members = record.members.map((m) => `${m.name}（${m.relation}）`).join('、');
  return {
    type: 'household',
    title: CERTIFICATE_TITLES.household,
    number,
    paragraphs: [
      `兹证明${person.name}，${GENDER[person.gender] ?? '未说明'}，${chineseDate(person.birth)}出生，公民身份号码${person.idNumber}，` +
        `户籍地址为${record.registeredAddress}，户号${record.householdNumber}，与户主关系为${record.relation}，` +
        `于${chineseDate(record.registeredSince)}在本辖区登记常住户口。`,
      `该户户主为${record.householdHead}，同户人员：${members}。`,
      '特此证明。',
    ],
    issuer: record.policeStation,
    issuedOn: localDate(now),
    notes: [
      '本证明自开具之日起三十日内有效，仅证明开具之日的户籍登记情况。',
      '扫描二维码或凭核验码可离线核验本证明的真实性；涂改无效。',
    ],
  };
}

export function familyPlanningText(
  person: ResidentIdentity,
  record: FamilyPlanningRecord,
  number: string,
  now: number,
): CertificateText {
  const marriage =
    record.marriageDate && record.spouseName
      ? `婚姻状况为${record.maritalStatus}，于${chineseDate(record.marriageDate)}登记结婚，配偶${record.spouseName}。`
      : `婚姻状况为${record.maritalStatus}。`;
  const children =
    record.children.length === 0
      ? '现无子女。'
      : `现有子女${record.children.length}个：${record.children.map((c) => `${c.gender}，${chineseDate(c.birth)}出生`).join('；')}。`;
  const paragraphs = [
    `兹证明${person.name}，${GENDER[person.gender] ?? '未说明'}，${chineseDate(person.birth)}出生，公民身份号码${person.idNumber}，${marriage}`,
    children + (record.onlyChildCertificate ? '已领取《独生子女父母光荣证》。' : ''),
    '以上情况属实，特此证明。',
  ];
  return {
    type: 'family-planning',
    title: CERTIFICATE_TITLES['family-planning'],
    number,
    paragraphs,
    issuer: `广州市${record.street}办事处`,
    issuedOn: localDate(now),
    notes: [
      '本证明依据《广东省人口与计划生育条例》出具，自开具之日起三十日内有效。',
      '扫描二维码或凭核验码可离线核验本证明的真实性；涂改无效。',
    ],
  };
}

/**
 * The text the signature covers: title, number, body, issuer and date in print order, with all
 * whitespace removed so that line wrapping on paper does not change it.
 */
export function canonicalText(text: CertificateText): string {
  return [text.title, `证明编号：${text.number}`, ...text.paragraphs, text.issuer, chineseDate(text.issuedOn)].join('').replace(/\s+/g, '');
}

/** The same, read back from `pdftotext -raw` of a printed certificate: everything before the seal. */
export function canonicalFromPrinted(raw: string): string {
  return (raw.split('电子签名')[0] ?? '').replace(/\s+/g, '');
}
