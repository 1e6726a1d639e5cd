import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppInfo } from '../../contract/channels';
import { demoInfo, fakeKiosk } from '../test-support/fake-kiosk';
import { flush, render, tap, type Rendered } from '../test-support/render';
import { App } from './app';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

async function start(kiosk = fakeKiosk()) {
  view = await render(<App kiosk={kiosk.api} />);
  await flush();
  return { kiosk, view };
}

const production: AppInfo = { ...demoInfo, profile: 'production', simulatorPanel: false };
const fiveTaps = async (element: HTMLElement | null) => {
  if (!element) throw new Error('no corner target');
  for (let i = 0; i < 5; i++) await tap(element);
};
async function settle() {
  for (let i = 0; i < 5; i++) await flush();
}
/** The simulator panel is a lazily imported module: give the import real time to arrive. */
async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

describe('home screen', () => {
  test('six tiles in Chinese, then in English after the switch', async () => {
    const { view } = await start();
    const names = () => [...view.container.querySelectorAll('.tile-name')].map((n) => n.textContent);
    expect(names()).toEqual(['办事指南', '证明打印', '进度查询', '结果查询与打印', '表格下载', '取号/凭条']);
    expect(view.text()).toContain('海珠区测试服务点');
    await tap(view.byTestId('nav-language')!);
    expect(names()).toEqual(['Service guides', 'Certificate printing', 'Application progress', 'Results and documents', 'Forms', 'Queue tickets and slips']);
    expect(view.byTestId('nav-language')?.textContent).toBe('简体中文');
  });

  test('a tile whose feature is not built opens a polite "not yet" screen with the way home', async () => {
    const { view } = await start();
    await tap(view.byTestId('tile-progress')!);
    expect(view.byTestId('coming-soon')?.textContent).toContain('“进度查询”在本机暂未开通');
    await tap(view.byTestId('nav-home')!);
    expect(view.byTestId('home')).not.toBeNull();
  });

  test('elderly mode is a visible, pressed toggle that adds sound and volume controls', async () => {
    const { view } = await start();
    const toggle = view.byTestId('nav-elderly')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(view.byTestId('nav-sound')).toBeNull();
    await tap(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.textContent).toContain('✓');
    expect(view.byTestId('kiosk')?.className).toContain('elderly');
    await tap(view.byTestId('nav-sound')!);
    expect(view.byTestId('nav-sound')?.getAttribute('aria-pressed')).toBe('false');
    await tap(view.byTestId('nav-volume')!);
    expect(view.byTestId('nav-volume')?.textContent).toBe('音量：大');
  });

  test('every visit starts at the volume the technician set', async () => {
    const { view } = await start(fakeKiosk({}, { ...demoInfo, voice: { volume: 'low' } }));
    await tap(view.byTestId('nav-elderly')!);
    expect(view.byTestId('nav-volume')?.textContent).toBe('音量：小');
  });

  test('help explains the kiosk and where staff are; elderly mode pages it', async () => {
    const { view } = await start();
    await tap(view.byTestId('nav-help')!);
    expect(view.text()).toContain('咨询台');
    expect(view.container.querySelectorAll('.help-step')).toHaveLength(6);
    await tap(view.byTestId('nav-elderly')!);
    expect(view.container.querySelectorAll('.help-step')).toHaveLength(3);
    await tap(view.button('下一页'));
    expect(view.text()).toContain('第 2 页，共 2 页');
  });
});

describe('status from the kiosk', () => {
  test('the offline banner follows app.state, then sync.status events', async () => {
    const kiosk = fakeKiosk({
      'app.state': () => ({ ok: true, value: { devices: [], sync: { online: false, pending: 2, oldestPendingAgeMs: 5, lastSuccessAt: null, deadLetters: 0 } } }),
    });
    const { view } = await start(kiosk);
    expect(view.byTestId('offline-banner')?.textContent).toContain('网络暂时中断');
    await act(async () => kiosk.emit('sync.status', { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 }));
    expect(view.byTestId('offline-banner')).toBeNull();
    await act(async () => kiosk.emit('sync.status', { online: false, pending: 1, oldestPendingAgeMs: 1, lastSuccessAt: null, deadLetters: 0 }));
    expect(view.byTestId('offline-banner')).not.toBeNull();
  });

  test('no offline banner before the kiosk has tried the platform at all', async () => {
    const kiosk = fakeKiosk({
      'app.state': () => ({ ok: true, value: { devices: [], sync: { online: false, probed: false, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 } } }),
    });
    const { view } = await start(kiosk);
    expect(view.byTestId('offline-banner')).toBeNull();
    await act(async () => kiosk.emit('sync.status', { online: false, probed: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 }));
    expect(view.byTestId('offline-banner')).not.toBeNull();
  });

  test('a reader that is unavailable gets a small friendly notice, which goes when it is back', async () => {
    const kiosk = fakeKiosk({
      'app.state': () => ({
        ok: true,
        value: { devices: [{ id: 'id-card', state: 'noDevice', since: '2026-01-01T00:00:00Z' }], sync: { online: true, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 } },
      }),
    });
    const { view } = await start(kiosk);
    expect(view.byTestId('device-notice')?.textContent).toContain('身份证读卡器暂时不能使用');
    await act(async () => kiosk.emit('device.status', { id: 'ss-card', state: 'hardwareError', since: '2026-01-01T00:00:01Z' }));
    expect(view.byTestId('device-notice')?.textContent).toContain('读卡器暂时不能使用。需要读卡的事项请到服务中心窗口办理');
    await act(async () => kiosk.emit('device.status', { id: 'id-card', state: 'online', since: '2026-01-01T00:00:02Z' }));
    await act(async () => kiosk.emit('device.status', { id: 'ss-card', state: 'online', since: '2026-01-01T00:00:03Z' }));
    expect(view.byTestId('device-notice')).toBeNull();
  });

  test('while app.info does not answer, a start-up screen shows instead of a white page', async () => {
    const kiosk = fakeKiosk({ 'app.info': () => ({ ok: false, error: { code: 'INTERNAL', message: 'not yet' } }) });
    const { view } = await start(kiosk);
    expect(view.byTestId('startup')?.textContent).toContain('正在启动');
  });
});

describe('maintenance entry', () => {
  test('five taps in the top-left corner open the PIN pad; four do not', async () => {
    const { view } = await start();
    const corner = view.byTestId('corner-top-left');
    expect(corner?.getAttribute('aria-hidden')).toBe('true');
    for (let i = 0; i < 4; i++) await tap(corner!);
    expect(view.byTestId('maintenance-pin')).toBeNull();
    await tap(corner!);
    expect(view.byTestId('maintenance-pin')).not.toBeNull();
  });

  test('a technician card in the reader opens the PIN pad (the PIN is still asked); removing it does not', async () => {
    const { kiosk, view } = await start();
    await act(async () => kiosk.emit('maintenance.technicianCard', null));
    expect(view.byTestId('maintenance-pin')).toBeNull();
    await act(async () => kiosk.emit('maintenance.technicianCard', { maskedCard: 'T******17' }));
    await settle();
    expect(view.byTestId('maintenance-pin')).not.toBeNull();
  });

  test('a wrong PIN says so plainly with the attempts left, and clears the digits', async () => {
    const kiosk = fakeKiosk({ 'maintenance.unlock': () => ({ ok: false, error: { code: 'PIN_WRONG', message: 'wrong pin', detail: { attemptsLeft: 2 } } }) });
    const { view } = await start(kiosk);
    await fiveTaps(view.byTestId('corner-top-left'));
    for (const d of ['1', '2', '3']) await tap(view.button(`数字 ${d}`));
    await tap(view.button('确认'));
    expect(view.text()).toContain('密码至少 4 位');
    expect(kiosk.callsTo('maintenance.unlock')).toEqual([]);
    await tap(view.button('数字 9'));
    await tap(view.button('删除'));
    await tap(view.button('数字 4'));
    await tap(view.button('确认'));
    await settle();
    expect(kiosk.callsTo('maintenance.unlock')).toEqual([{ pin: '1234' }]);
    const error = view.byTestId('error-message');
    expect(error?.textContent).toContain('维护密码不正确');
    expect(error?.textContent).toContain('还可以再试 2 次');
    expect(error?.textContent).not.toContain('PIN_WRONG');
    expect(view.byTestId('pin-dots')?.textContent).toBe('—');
  });

  test('a locked PIN and an unavailable maintenance mode are explained', async () => {
    let answer: 'locked' | 'na' = 'locked';
    const kiosk = fakeKiosk({
      'maintenance.unlock': () =>
        answer === 'locked'
          ? { ok: false, error: { code: 'PIN_LOCKED', message: 'locked', detail: { until: Date.parse('2026-11-28T09:30:00Z') } } }
          : { ok: false, error: { code: 'NOT_AVAILABLE', message: 'not built' } },
    });
    const { view } = await start(kiosk);
    await fiveTaps(view.byTestId('corner-top-left'));
    const enter = async () => {
      for (const d of ['5', '5', '5', '5']) await tap(view.button(`数字 ${d}`));
      await tap(view.button('确认'));
      await settle();
    };
    await enter();
    expect(view.byTestId('error-message')?.textContent).toContain('已暂时锁定');
    expect(view.byTestId('error-message')?.textContent).toContain('之后再试');
    answer = 'na';
    await tap(view.button('清空'));
    await enter();
    expect(view.byTestId('error-message')?.dataset.code).toBe('NOT_AVAILABLE');
    expect(view.byTestId('error-message')?.textContent).toContain('暂时不能使用');
  });

  test('the right PIN leads to MaintenanceHome, and leaving it wipes the session', async () => {
    const kiosk = fakeKiosk({ 'maintenance.unlock': () => ({ ok: true, value: { token: 't-1' } }) });
    const { view } = await start(kiosk);
    await fiveTaps(view.byTestId('corner-top-left'));
    for (const d of ['2', '4', '6', '8']) await tap(view.button(`数字 ${d}`));
    await tap(view.button('确认'));
    await settle();
    expect(view.byTestId('maintenance-home')).not.toBeNull();
    await tap(view.button('退出维护模式'));
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'finished' }]);
    expect(view.byTestId('home')).not.toBeNull();
  });
});

describe('simulator panel', () => {
  test('demo: five taps top-right or F9 open it; its controls call simulator.control', async () => {
    const kiosk = fakeKiosk({
      'simulator.residents': () => ({ ok: true, value: [{ id: 'r1', label: '张* (示例)' }] }),
      'simulator.control': () => ({ ok: true, value: {} }),
    });
    const { view } = await start(kiosk);
    await fiveTaps(view.byTestId('corner-top-right'));
    await until(() => view.byTestId('simulator-panel') !== null && view.text().includes('张*'));
    expect(view.byTestId('simulator-panel')).not.toBeNull();
    await tap(view.button('放入身份证 · 张* (示例)'));
    await tap(view.button('凭条纸：用完'));
    await tap(view.button('断开网络'));
    await settle();
    expect(kiosk.callsTo('simulator.control')).toEqual([
      { action: 'insertIdCard', residentId: 'r1' },
      { action: 'setTicketPaper', level: 'out' },
      { action: 'setNetwork', online: false },
    ]);
    await tap(view.button('关闭面板'));
    expect(view.byTestId('simulator-panel')).toBeNull();
    await act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9' })));
    await until(() => view.byTestId('simulator-panel') !== null);
    expect(view.byTestId('simulator-panel')).not.toBeNull();
  });

  test('production: no corner target, F9 does nothing, simulator.* is never called', async () => {
    const kiosk = fakeKiosk({}, production);
    const { view } = await start(kiosk);
    expect(view.byTestId('corner-top-right')).toBeNull();
    await act(async () => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9' })));
    await settle();
    expect(view.byTestId('simulator-panel')).toBeNull();
    expect(kiosk.calls.filter((c) => c.channel.startsWith('simulator.'))).toEqual([]);
  });
});

describe('voice', () => {
  type G = { speechSynthesis?: unknown; SpeechSynthesisUtterance?: unknown };
  const g = globalThis as G;

  test('each screen speaks its prompt, errors are spoken, PIN digits never are', async () => {
    const spoken: { text: string; rate: number }[] = [];
    g.SpeechSynthesisUtterance = class {
      voice: unknown = null;
      lang = '';
      rate = 1;
      volume = 1;
      constructor(readonly text: string) {}
    };
    g.speechSynthesis = {
      getVoices: () => [{ lang: 'zh-CN', name: 'zh' }, { lang: 'en-US', name: 'en' }],
      speak: (u: { text: string; rate: number }) => spoken.push({ text: u.text, rate: u.rate }),
      cancel: () => undefined,
    };
    try {
      const kiosk = fakeKiosk({
        'app.state': () => ({ ok: true, value: { devices: [], sync: { online: false, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 } } }),
        'maintenance.unlock': () => ({ ok: false, error: { code: 'PIN_WRONG', message: 'wrong', detail: { attemptsLeft: 4 } } }),
      });
      const { view } = await start(kiosk);
      await settle();
      await act(async () => {
        await new Promise((r) => setTimeout(r, 5));
      });
      // The screen's prompt first, then the offline notice queued behind it.
      const texts = spoken.map((s) => s.text);
      expect(texts.indexOf('您好，请点选要办理的事项')).toBeGreaterThanOrEqual(0);
      expect(texts.findIndex((t) => t.startsWith('网络暂时中断'))).toBeGreaterThan(texts.indexOf('您好，请点选要办理的事项'));
      const before = spoken.length;
      await tap(view.byTestId('nav-language')!);
      expect(spoken.slice(before).map((s) => s.text)).toContain('Hello, please choose a service');
      await tap(view.byTestId('nav-language')!);
      const beforeElderly = spoken.length;
      await tap(view.byTestId('nav-elderly')!);
      expect(spoken.slice(beforeElderly).every((s) => s.rate < 1)).toBe(true);
      expect(spoken.length).toBeGreaterThan(beforeElderly);
      await tap(view.byTestId('nav-elderly')!);
      await fiveTaps(view.byTestId('corner-top-left'));
      for (const d of ['7', '3', '9', '1']) await tap(view.button(`数字 ${d}`));
      await tap(view.button('确认'));
      await settle();
      const last = spoken.at(-1)?.text ?? '';
      expect(last).toContain('维护密码不正确');
      expect(last).toContain('还可以再试 4 次');
      expect(spoken.some((s) => /7391|7 3 9 1/.test(s.text))).toBe(false);
      // Muted in elderly mode: nothing more is said.
      await tap(view.byTestId('nav-elderly')!);
      await tap(view.byTestId('nav-sound')!);
      const count = spoken.length;
      await tap(view.byTestId('nav-help')!);
      expect(spoken).toHaveLength(count);
    } finally {
      delete g.speechSynthesis;
      delete g.SpeechSynthesisUtterance;
    }
  });
});
