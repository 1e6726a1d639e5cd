import { act } from 'react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { DeviceStatus } from '../../../contract/channels';
import { demoInfo, fakeKiosk, type FakeHandlers } from '../../test-support/fake-kiosk';
import { appHarness } from '../../test-support/app-harness';
import type { Certificate } from './certificate-flow';
import { FINISH_AFTER_MS } from './certificates-screen';
import { IDENTIFY_TIMEOUT_MS } from './identify-screen';

// The identification and certificate screens inside the whole App (fake kiosk, fake timers): every
// card outcome, the flow from choice to "take your document", card removal, printer trouble and
// its recovery, and the session ending. PDF.js needs a real canvas: the preview itself is proven
// in Chromium (tests/e2e/certificates.test.ts); here it is a stand-in.

vi.mock('./pdf-preview', () => ({ default: ({ title }: { title: string }) => <div data-testid="pdf-preview">{title}</div> }));

const reminders: Array<[string, boolean]> = [];
vi.mock('../../voice/take-reminder', () => ({ useTakeReminder: (kind: string, active: boolean) => void reminders.push([kind, active]) }));

const info = { ...demoInfo, features: { ...demoInfo.features, certificates: true } };
const identified = { identified: true, kind: 'id-card' as const, maskedName: '张*', maskedNumber: '440105********9994' };
const household: Certificate = { type: 'household', number: 'HJ-20261128-K3F9-0001', verificationCode: 'ABCD-2345', pdf: 'JVBERi0=', printed: false };
const device = (id: DeviceStatus['id'], state: DeviceStatus['state'], paper?: DeviceStatus['paper']): DeviceStatus => ({ id, state, since: '2026-11-28T02:00:00Z', ...(paper ? { paper } : {}) });

const { start: startApp, settle, view, byId, tapId } = appHarness();
beforeEach(() => {
  reminders.length = 0;
});

function kioskWith(handlers: FakeHandlers = {}, devices: DeviceStatus[] = [device('id-card', 'online'), device('ss-card', 'online'), device('page-printer', 'online', 'full')]) {
  let session = { identified: false, kind: null, maskedName: null, maskedNumber: null } as { identified: boolean; kind: 'id-card' | 'ss-card' | null; maskedName: string | null; maskedNumber: string | null };
  const kiosk = fakeKiosk(
    {
      'app.state': () => ({ ok: true, value: { devices, sync: { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 } } }),
      'session.current': () => ({ ok: true, value: session }),
      'certificate.issue': ({ type }) => ({ ok: true, value: { ...household, type, number: type === 'household' ? household.number : 'JS-20261128-K3F9-0002' } }),
      'certificate.print': () => ({ ok: true, value: { jobId: 'job-1', state: 'completed' } }),
      ...handlers,
    },
    info,
  );
  // Events reach React inside act(), as a real event from main would between renders.
  const emit: typeof kiosk.emit = (event, payload) => act(() => kiosk.emit(event, payload));
  const insert = async () => {
    session = identified;
    emit('card.inserted', { kind: 'id-card', maskedName: '张*', maskedNumber: '440105********9994' });
    await settle();
  };
  return { ...kiosk, emit, insert };
}

async function start(kiosk: ReturnType<typeof kioskWith>) {
  const shown = await startApp(kiosk.api);
  await tapId('tile-certificates');
  expect(byId('identify').querySelector('h1')?.textContent).toBe('请放身份证或插社保卡');
  return shown;
}

describe('identification', () => {
  test('a card read opens the certificate choice with the masked name and number only', async () => {
    const kiosk = kioskWith();
    await start(kiosk);
    expect(byId('identify-status').textContent).toBe('读卡器已准备好，正在等待您的证件。');
    await kiosk.insert();
    expect(byId('certificates').querySelector('h1')?.textContent).toBe('请选择要打印的证明');
    expect(byId('identity-strip').textContent).toBe('办理人张*，证件号 440105********9994');
  });

  test.each([
    ['CARD_EXPIRED', '这张卡已经过期。'],
    ['NOT_SOCIAL_SECURITY_CARD', '这张卡不是社保卡。'],
    ['CARD_READ_FAILED', '没能读出您的卡片。'],
    ['CARD_MISMATCH', '卡片信息与本次办理的人不一致。'],
  ] as const)('%s: its own words, a reminder to take the card, and a retry', async (code, words) => {
    const kiosk = kioskWith();
    await start(kiosk);
    kiosk.emit('card.rejected', { kind: code === 'NOT_SOCIAL_SECURITY_CARD' ? 'ss-card' : 'id-card', code });
    await settle();
    expect(byId('identify-rejected').dataset.code).toBe(code);
    expect(byId('error-message').textContent).toContain(words);
    expect(reminders.at(-1)).toEqual(['card', true]);
    kiosk.emit('card.removed', { kind: code === 'NOT_SOCIAL_SECURITY_CARD' ? 'ss-card' : 'id-card' });
    await settle();
    expect(reminders.at(-1)).toEqual(['card', false]);
    expect(byId('error-message').textContent).toContain(words);
    await tapId('identify-retry');
    expect(view().byTestId('identify-rejected')).toBeNull();
    expect(byId('identify-status')).not.toBeNull();
  });

  test('no card for a minute: says so and offers a retry (two minutes in elderly mode)', async () => {
    const kiosk = kioskWith();
    await start(kiosk);
    await settle(IDENTIFY_TIMEOUT_MS);
    expect(byId('identify-timeout').textContent).toContain('没有检测到证件');
    await tapId('identify-retry');
    expect(view().byTestId('identify-timeout')).toBeNull();
  });

  test('a reader that is down: the other card is offered; both down: READER_OFFLINE with where to go', async () => {
    const one = kioskWith({}, [device('id-card', 'offline'), device('ss-card', 'online')]);
    await start(one);
    expect(byId('identify-status').textContent).toBe('身份证读卡器暂时不能使用，请插社保卡。');
    const both = kioskWith({}, [device('id-card', 'offline'), device('ss-card', 'noDevice')]);
    await start(both);
    expect(byId('error-message').dataset.code).toBe('READER_OFFLINE');
  });
});

describe('certificate flow', () => {
  async function toPreview(kiosk = kioskWith()) {
    await start(kiosk);
    await kiosk.insert();
    await tapId('cert-household');
    expect(byId('certificate-preview').querySelector('h1')?.textContent).toBe('请核对户籍证明');
    expect(byId('cert-number').textContent).toBe('证明编号：HJ-20261128-K3F9-0001');
    expect(byId('pdf-preview').textContent).toBe('户籍证明');
    return kiosk;
  }

  test('choose → preview → print → take your document, with the verification code; the visit ends once the card is out', async () => {
    const kiosk = await toPreview();
    await tapId('cert-print');
    expect(kiosk.callsTo('certificate.print')).toEqual([{ number: household.number }]);
    expect(byId('certificate-done').querySelector('h1')?.textContent).toBe('请取走您的证明');
    expect(byId('verification-code').textContent).toBe('核验码：ABCD-2345');
    expect(reminders).toContainEqual(['document', true]);
    expect(reminders).toContainEqual(['card', true]);
    kiosk.emit('card.removed', { kind: 'id-card' });
    await settle();
    expect(view().byTestId('take-card')).toBeNull();
    expect(kiosk.callsTo('session.wipe')).toEqual([]);
    await settle(FINISH_AFTER_MS);
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'finished' }]);
    expect(byId('home')).not.toBeNull();
  });

  test('the card taken out before printing hides the certificate until the same card is back', async () => {
    const kiosk = await toPreview();
    kiosk.emit('card.removed', { kind: 'id-card' });
    await settle();
    expect(byId('certificate-card-removed').textContent).toContain('为保护您的信息，证明内容已经隐藏。');
    expect(view().byTestId('pdf-preview')).toBeNull();
    expect(view().text()).not.toContain('440105');
    await kiosk.insert();
    expect(byId('certificate-preview')).not.toBeNull();
  });

  test('paper out: the resident is told the job is kept; once the printer is ready again it continues by itself, once', async () => {
    let calls = 0;
    const kiosk = await toPreview(
      kioskWith({
        'certificate.print': () =>
          ++calls === 1
            ? { ok: false, error: { code: 'PRINTER_OUT_OF_PAPER', message: 'out', detail: { jobId: 'job-1', kept: true } } }
            : { ok: true, value: { jobId: 'job-1', state: 'completed' } },
      }),
    );
    await tapId('cert-print');
    expect(byId('certificate-print-failed').textContent).toContain('打印机没有纸了');
    expect(byId('error-message').textContent).toContain('不会重复打印');
    // The printer kept the started job: the resident is asked to wait, staff have been told.
    expect(byId('certificate-print-failed').querySelector('h1')?.textContent).toBe('打印机缺纸，请稍候');
    expect(byId('print-waiting').textContent).toContain('请在这里稍候');
    kiosk.emit('device.status', device('page-printer', 'userError', 'out'));
    await settle();
    expect(calls).toBe(1);
    kiosk.emit('device.status', device('page-printer', 'online', 'full'));
    await settle();
    expect(calls).toBe(2);
    expect(byId('certificate-done')).not.toBeNull();
  });

  test('paper out before the job started (nothing kept): no waiting line, the continue button prints it', async () => {
    await toPreview(kioskWith({ 'certificate.print': () => ({ ok: false, error: { code: 'PRINTER_OUT_OF_PAPER', message: 'refused', detail: { kept: false } } }) }));
    await tapId('cert-print');
    expect(byId('certificate-print-failed').querySelector('h1')?.textContent).toBe('证明还没有打印完成');
    expect(view().byTestId('print-waiting')).toBeNull();
    expect(byId('cert-retry-print')).not.toBeNull();
  });

  test('a failure that is not printer trouble offers no blind reprint and says to look in the tray', async () => {
    const kiosk = await toPreview(kioskWith({ 'certificate.print': () => ({ ok: false, error: { code: 'INTERNAL', message: 'x' } }) }));
    await tapId('cert-print');
    expect(view().byTestId('cert-retry-print')).toBeNull();
    expect(byId('error-message').textContent).toContain('请先看看出纸口');
    expect(kiosk.callsTo('certificate.print')).toHaveLength(1);
  });

  test.each([
    ['PLATFORM_UNREACHABLE', '暂时连不上政务服务平台。'],
    ['RECORD_NOT_FOUND', '没有查到相关记录。'],
  ] as const)('issue fails with %s: plain words, retry and another choice', async (code, words) => {
    const kiosk = kioskWith({ 'certificate.issue': () => ({ ok: false, error: { code, message: 'x' } }) });
    await start(kiosk);
    await kiosk.insert();
    await tapId('cert-family-planning');
    expect(byId('certificate-issue-failed').textContent).toContain(words);
    await tapId('cert-retry');
    expect(kiosk.callsTo('certificate.issue')).toHaveLength(2);
    await tapId('cert-choose');
    expect(byId('certificates')).not.toBeNull();
  });

  test('an already printed certificate is shown without a print button', async () => {
    const kiosk = kioskWith({ 'certificate.issue': () => ({ ok: true, value: { ...household, printed: true } }) });
    await start(kiosk);
    await kiosk.insert();
    await tapId('cert-household');
    expect(view().byTestId('cert-print')).toBeNull();
    expect(byId('certificate-preview').textContent).toContain('不能重复打印');
  });

  test('another person’s card during the flow is refused in plain words and the flow stays', async () => {
    const kiosk = await toPreview();
    kiosk.emit('card.rejected', { kind: 'ss-card', code: 'CARD_MISMATCH' });
    await settle();
    expect(byId('card-problem').dataset.code).toBe('CARD_MISMATCH');
    await tapId('card-problem-dismiss');
    expect(view().byTestId('card-problem')).toBeNull();
    expect(byId('certificate-preview')).not.toBeNull();
  });

  test('going home from the flow ends the identified session in main', async () => {
    const kiosk = await toPreview();
    await tapId('nav-home');
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'home' }]);
    expect(byId('home')).not.toBeNull();
  });

  test('English', async () => {
    const kiosk = kioskWith();
    await startApp(kiosk.api);
    await tapId('nav-language');
    await tapId('tile-certificates');
    expect(byId('identify').querySelector('h1')?.textContent).toBe('Place your ID card or insert your social security card');
    await kiosk.insert();
    expect(byId('identity-strip').textContent).toBe('Resident张*, ID 440105********9994');
  });
});
