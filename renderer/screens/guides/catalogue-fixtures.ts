import type { CatalogueForm, CatalogueItemDetail, CatalogueItemSummary, CatalogueSearchResult } from '../../../contract/catalogue';
import type { KioskApi } from '../../../contract/api';
import type { AppInfo } from '../../../contract/channels';
import { demoInfo, fakeKiosk, type FakeHandlers } from '../../test-support/fake-kiosk';

// A small catalogue for the renderer's unit tests (the real one is exercised end to end).

export const catalogueInfo: AppInfo = { ...demoInfo, features: { ...demoInfo.features, guides: true, forms: true } };

export const hujiSummary: CatalogueItemSummary = {
  id: 'HZ-JD-001',
  title: '户籍证明',
  titleEn: 'Household registration certificate',
  departmentId: 'jd',
  departmentName: '街道办事处（政务服务中心）',
  departmentNameEn: 'Sub-district Offices (Government Service Centres)',
  audience: 'personal',
  level: 'street',
  popularity: 1,
  lifeEvents: ['school'],
};

export const hujiForm: CatalogueForm = { id: 'F019', title: '户籍证明申请表', titleEn: 'Household registration certificate application form', departmentId: 'jd', audience: 'personal', usedBy: ['HZ-JD-001'] };
export const proxyForm: CatalogueForm = { id: 'F005', title: '授权委托书', titleEn: 'Power of attorney', departmentId: 'jd', audience: 'personal', usedBy: ['HZ-JD-001', 'HZ-JD-002'] };

export const hujiDetail: CatalogueItemDetail = {
  ...hujiSummary,
  supervisingDepartmentId: 'gafj',
  aliases: ['户口证明'],
  guide: {
    itemType: '行政确认',
    itemTypeEn: 'Administrative confirmation',
    legalBasis: ['《中华人民共和国户口登记条例》'],
    conditions: ['申请人为本区户籍居民'],
    materials: [
      { name: '居民身份证', form: '原件及复印件', copies: 1, required: true },
      { name: '授权委托书', form: '原件', copies: 1, required: false, note: '委托他人办理时提供' },
    ],
    process: [
      { name: '申请', detail: '到街道政务服务中心提交申请' },
      { name: '办结', detail: '当场出具结果' },
    ],
    timeLimit: { legalDays: null, promisedDays: 0, text: '即办（自助终端当场打印）' },
    fee: '不收费',
    venue: '街道政务服务中心',
    channels: { kiosk: true, online: true, wechat: true },
  },
  forms: [hujiForm, proxyForm],
};

/** Items for list paging: the first is 户籍证明, then numbered ones. */
export const jdItems: CatalogueItemSummary[] = [hujiSummary, ...Array.from({ length: 9 }, (_, i) => ({ ...hujiSummary, id: `HZ-JD-1${i}`, title: `街道事项${i + 1}`, titleEn: `Street item ${i + 1}`, popularity: i + 2 }))];

export const hujiResult: CatalogueSearchResult = {
  item: hujiSummary,
  matchedBy: 'initials',
  highlight: [
    { text: '户籍', match: true },
    { text: '证明', match: false },
  ],
};

export const catalogueHandlers: FakeHandlers = {
  'app.info': () => ({ ok: true, value: catalogueInfo }),
  'catalogue.overview': () => ({
    ok: true,
    value: {
      version: 1,
      items: 10,
      departments: [
        { id: 'gafj', name: '公安分局', fullName: '海珠区公安分局', nameEn: 'Public Security Sub-bureau', venue: '', itemCount: 24 },
        { id: 'jd', name: '街道办事处（政务服务中心）', fullName: '街道', nameEn: 'Sub-district Offices (Government Service Centres)', venue: '', itemCount: 10 },
      ],
      lifeEvents: [{ id: 'school', name: '上学', nameEn: 'School' }],
    },
  }),
  'catalogue.items': () => ({ ok: true, value: jdItems }),
  'catalogue.item': ({ id }) => (id === hujiDetail.id ? { ok: true, value: hujiDetail } : { ok: false, error: { code: 'NOT_FOUND', message: 'no such item' } }),
  'catalogue.search': ({ query }) => ({ ok: true, value: query === 'zzzz' ? [] : [hujiResult] }),
  'catalogue.forms': ({ query }) => ({ ok: true, value: [hujiForm, proxyForm].filter((f) => !query || f.title.includes(query) || f.titleEn.toLowerCase().includes(query)) }),
  'catalogue.print': () => ({ ok: true, value: { jobId: 'job-1', state: 'completed' } }),
  'catalogue.email': ({ email }) => (email.includes('@') && email.includes('.') ? { ok: true, value: { queued: true, online: false } } : { ok: false, error: { code: 'EMAIL_INVALID', message: 'bad address' } }),
};

export function catalogueKiosk(overrides: FakeHandlers = {}) {
  return fakeKiosk({ ...catalogueHandlers, ...overrides }, catalogueInfo);
}

/** A kiosk whose catalogue.print waits until the test settles it (to see the progress phase). */
export function withHeldPrint(api: KioskApi) {
  let settle: (result: Awaited<ReturnType<KioskApi['invoke']>>) => void = () => {};
  const held: KioskApi = {
    on: api.on,
    invoke: ((channel, input) =>
      channel === 'catalogue.print' ? new Promise((resolve) => (settle = resolve as typeof settle)) : api.invoke(channel, input)) as KioskApi['invoke'],
  };
  return { api: held, settle: (result: Awaited<ReturnType<KioskApi['invoke']>>) => settle(result) };
}
