import { describe, expect, test } from 'vitest';
import type { ApplicationView, TicketPrinterView } from '../../../contract/progress';
import { demoInfo, fakeKiosk, type FakeHandlers } from '../../test-support/fake-kiosk';
import { appHarness } from '../../test-support/app-harness';

// The progress and slips screens inside the whole App (fake kiosk, fake timers): the keypad,
// the offline panel, errors in plain words, and the ticket printer's state said before printing.

const APPLICATION: ApplicationView = {
  number: 'HZ-20261120-001283',
  itemName: '城乡居民医疗保险参保登记',
  department: '海珠区医疗保障局',
  applicantMasked: '张*',
  submittedAt: Date.UTC(2026, 10, 20, 2, 30),
  status: 'in_progress',
  steps: [
    { name: '受理', state: 'done', at: Date.UTC(2026, 10, 20, 2, 30), handler: '江南中街道便民服务中心' },
    { name: '审核', state: 'current', at: null, handler: '海珠区医疗保障局' },
    { name: '办结', state: 'pending', at: null, handler: null },
  ],
  nextStep: '审核',
  dueAt: null,
  hasResult: false,
};

const READY: TicketPrinterView = { ready: true, paper: 'full', state: 'online' };
const info = { ...demoInfo, features: { ...demoInfo.features, guides: true, forms: true, progress: true, results: true, slips: true } };

function kiosk(extra: FakeHandlers = {}, printer: TicketPrinterView = READY) {
  return fakeKiosk(
    {
      'progress.availability': () => ({ ok: true, value: { online: true } }),
      'session.current': () => ({ ok: true, value: { identified: false, kind: null, maskedName: null, maskedNumber: null } }),
      'progress.lookup': ({ number }) => (number === APPLICATION.number ? { ok: true, value: APPLICATION } : { ok: false, error: { code: 'RECORD_NOT_FOUND', message: 'no' } }),
      'slips.overview': () => ({ ok: true, value: { hall: { name: '江南中街道便民服务中心', nameEn: 'Hall', categories: [{ id: 'general', name: '综合咨询', nameEn: 'General', waiting: 2 }] }, printer, prints: 0 } }),
      'progress.slip': () => ({ ok: true, value: { ticketId: 't-1', state: 'printed' } }),
      ...extra,
    },
    info,
  );
}

const { start: startApp, view, byId, tapId } = appHarness();
const start = (k: ReturnType<typeof fakeKiosk>) => startApp(k.api);
async function typeDigits(digits: string) {
  for (const d of digits) await tapId(`digit-${d}`);
}

describe('进度查询', () => {
  test('the keypad fills HZ-YYYYMMDD-NNNNNN, refuses a short number in words, and opens the case', async () => {
    const k = kiosk();
    await start(k);
    await tapId('tile-progress');
    expect(byId('progress-number').textContent).toBe('HZ-________-______');
    await typeDigits('2026');
    await tapId('progress-search');
    expect(byId('progress-incomplete').textContent).toBe('申请编号还差 10 位数字，请继续输入。');
    await typeDigits('11200012839');
    // The fifteenth digit is ignored.
    expect(byId('progress-number').textContent).toBe('HZ-20261120-001283');
    await tapId('digit-delete');
    await typeDigits('3');
    await tapId('progress-search');
    expect(byId('case-status').textContent).toBe('当前状态：办理中');
    expect([...byId('case-steps').querySelectorAll('li')].map((li) => li.getAttribute('data-state'))).toEqual(['done', 'current', 'pending']);
    expect(byId('case-next').textContent).toBe('下一步：审核');
    await tapId('case-slip');
    expect(byId('pg-print-done').textContent).toBe('打印完成，请取走凭条');
    expect(k.callsTo('progress.slip')).toEqual([{ number: 'HZ-20261120-001283', lang: 'zh-CN' }]);
  });

  test('an unknown number is said plainly', async () => {
    await start(kiosk());
    await tapId('tile-progress');
    await typeDigits('20990101000001');
    await tapId('progress-search');
    expect(byId('error-message').getAttribute('data-code')).toBe('RECORD_NOT_FOUND');
  });

  test('offline: the panel says so and offers guides and forms', async () => {
    await start(kiosk({ 'progress.availability': () => ({ ok: true, value: { online: false } }) }));
    await tapId('tile-progress');
    expect(byId('progress-offline').querySelector('h1')?.textContent).toBe('进度查询需要联网');
    await tapId('offline-forms');
    expect(view().byTestId('forms')).not.toBeNull();
  });

  test('a platform that drops between entry and case shows the offline panel, not an error code', async () => {
    await start(kiosk({ 'progress.lookup': () => ({ ok: false, error: { code: 'PLATFORM_UNREACHABLE', message: 'cut' } }) }));
    await tapId('tile-progress');
    await typeDigits('20261120001283');
    await tapId('progress-search');
    expect(view().byTestId('progress-offline')).not.toBeNull();
  });

  test('ticket paper out: the slip is not offered and the reason is said', async () => {
    await start(kiosk({}, { ready: false, paper: 'out', state: 'online' }));
    await tapId('tile-progress');
    await typeDigits('20261120001283');
    await tapId('progress-search');
    expect(byId('error-message').textContent).toContain('凭条打印机没有纸了');
    expect((byId('case-slip') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('取号/凭条', () => {
  test('paper low is said and the queue still offered; a printed number is shown with the people ahead', async () => {
    const k = kiosk(
      { 'slips.queue': () => ({ ok: true, value: { ticketId: 't-2', state: 'printed', number: 'D003', categoryName: '综合咨询', categoryNameEn: 'General', waiting: 2, issuedAt: 0 } }) },
      { ready: true, paper: 'low', state: 'online' },
    );
    await start(k);
    await tapId('tile-slips');
    expect(byId('paper-low').textContent).toContain('凭条纸快用完了');
    await tapId('queue-general');
    expect(byId('queue-ticket').textContent).toContain('您的号码：D003');
    expect(byId('queue-ticket').textContent).toContain('前面还有 2 人');
  });

  test('a ticket refused by the printer says the ticket words, not the A4 "job kept" words', async () => {
    await start(kiosk({ 'slips.queue': () => ({ ok: false, error: { code: 'PRINTER_OUT_OF_PAPER', message: 'out', detail: { afterPrint: false } } }) }));
    await tapId('tile-slips');
    await tapId('queue-general');
    expect(byId('pg-print-failed')).not.toBeNull();
    expect(byId('error-message').textContent).toContain('凭条打印机没有纸了');
    expect(byId('error-message').textContent).not.toContain('打印任务已保留');
  });
});

describe('long lists are paged, never scrolled', () => {
  const identified = { 'session.current': () => ({ ok: true as const, value: { identified: true, kind: 'id-card' as const, maskedName: '张*', maskedNumber: '440105********9994' } }) };
  const results = Array.from({ length: 7 }, (_, i) => ({
    number: `HZ-20261101-00000${i}`,
    itemName: `已办结事项 ${i}`,
    department: '海珠区政务服务数据管理局',
    outcome: 'completed' as const,
    decidedAt: Date.UTC(2026, 10, 1 + i),
    summary: '已办结。',
    documents: [],
  }));
  const applications = Array.from({ length: 8 }, (_, i) => ({ ...APPLICATION, number: `HZ-20261120-00100${i}`, itemName: `申请事项 ${i}` }));
  const shownCases = () => [...view().container.querySelectorAll('[data-testid^="result-HZ-"]')].map((el) => el.getAttribute('data-testid'));

  test('results: three finished cases a page, with 上一页 / 下一页 and where you are', async () => {
    await start(kiosk({ ...identified, 'results.mine': () => ({ ok: true, value: results }) }));
    await tapId('tile-results');
    expect(byId('results-count').textContent).toContain('7');
    expect(shownCases()).toEqual(['result-HZ-20261101-000000', 'result-HZ-20261101-000001', 'result-HZ-20261101-000002']);
    expect(byId('results-pager-status').textContent).toBe('第 1 页，共 3 页');
    expect((byId('results-pager-previous') as HTMLButtonElement).disabled).toBe(true);
    await tapId('results-pager-next');
    await tapId('results-pager-next');
    expect(shownCases()).toEqual(['result-HZ-20261101-000006']);
    expect((byId('results-pager-next') as HTMLButtonElement).disabled).toBe(true);
  });

  test('results in elderly mode: one large case a page', async () => {
    await start(kiosk({ ...identified, 'results.mine': () => ({ ok: true, value: results.slice(0, 2) }) }));
    await tapId('nav-elderly');
    await tapId('tile-results');
    expect(shownCases()).toEqual(['result-HZ-20261101-000000']);
    expect(byId('results-pager-status').textContent).toBe('第 1 页，共 2 页');
  });

  test('my applications: six a page; a short list has no pager', async () => {
    await start(kiosk({ ...identified, 'progress.mine': () => ({ ok: true, value: applications }) }));
    await tapId('tile-progress');
    await tapId('progress-by-card');
    expect(view().container.querySelectorAll('[data-testid^="case-HZ-"]')).toHaveLength(6);
    await tapId('mine-pager-next');
    expect([...view().container.querySelectorAll('[data-testid^="case-HZ-"]')].map((el) => el.getAttribute('data-testid'))).toEqual(['case-HZ-20261120-001006', 'case-HZ-20261120-001007']);

    await start(kiosk({ ...identified, 'progress.mine': () => ({ ok: true, value: applications.slice(0, 2) }) }));
    await tapId('tile-progress');
    await tapId('progress-by-card');
    expect(view().container.querySelector('[data-testid="mine-pager"]')).toBeNull();
  });
});
