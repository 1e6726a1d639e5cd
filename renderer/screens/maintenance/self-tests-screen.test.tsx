import { afterEach, describe, expect, test } from 'vitest';
import type { SelfTestResult } from '../../../contract/maintenance-access';
import { App } from '../../app/app';
import { fakeKiosk, type FakeHandlers } from '../../test-support/fake-kiosk';
import { flush, render, tap, type Rendered } from '../../test-support/render';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}

const databaseOk: SelfTestResult = {
  test: 'database',
  ok: true,
  detail: 'quick_check ok',
  code: null,
  facts: [
    { label: 'quickCheck', value: 'ok' },
    { label: 'auditRows', value: '12' },
  ],
  ms: 40,
  at: '2026-11-28T02:00:00.000Z',
};

/** Signs in through the PIN pad and opens the self-tests from the dashboard. */
async function openSelfTests(selfTest: NonNullable<FakeHandlers['maintenance.selfTest']>) {
  const kiosk = fakeKiosk({
    'maintenance.unlock': () => ({ ok: true, value: { token: 't-1' } }),
    'maintenance.technicianCard': () => ({ ok: true, value: null }),
    'maintenance.selfTest': selfTest,
  });
  view = await render(<App kiosk={kiosk.api} />);
  await settle();
  for (let i = 0; i < 5; i++) await tap(view.byTestId('corner-top-left')!);
  for (const d of ['2', '4', '6', '8']) await tap(view.button(`数字 ${d}`));
  await tap(view.button('确认'));
  await settle();
  await tap(view.byTestId('maint-open-selftests')!);
  await settle();
  return { kiosk, view };
}

describe('self-tests screen', () => {
  test('runs a test with the session token and shows its outcome and facts in words', async () => {
    const { kiosk, view } = await openSelfTests(() => ({ ok: true, value: databaseOk }));
    expect(view.byTestId('selftests')).not.toBeNull();
    expect(view.byTestId('selftest-database')?.dataset.state).toBe('idle');
    await tap(view.byTestId('selftest-run-database')!);
    await settle();
    expect(kiosk.callsTo('maintenance.selfTest')).toEqual([{ token: 't-1', test: 'database' }]);
    const row = view.byTestId('selftest-database')!;
    expect(row.dataset.state).toBe('ok');
    expect(row.textContent).toContain('正常');
    expect(row.textContent).toContain('数据库快速检查');
    expect(row.textContent).toContain('审计记录条数12');
  });

  test('a failed test shows the failure in plain words', async () => {
    const { view } = await openSelfTests(() => ({
      ok: true,
      value: { ...databaseOk, test: 'page-printer', ok: false, code: 'PRINTER_OUT_OF_PAPER', facts: [{ label: 'paper', value: 'out' }] },
    }));
    await tap(view.byTestId('selftest-run-page-printer')!);
    await settle();
    const row = view.byTestId('selftest-page-printer')!;
    expect(row.dataset.state).toBe('failed');
    expect(row.querySelector('[data-testid="error-message"]')?.getAttribute('data-code')).toBe('PRINTER_OUT_OF_PAPER');
    expect(row.textContent).toContain('缺纸');
  });

  test('FORBIDDEN (the maintenance session ended) wipes everything and returns home', async () => {
    const { kiosk, view } = await openSelfTests(() => ({ ok: false, error: { code: 'FORBIDDEN', message: 'ended' } }));
    await tap(view.byTestId('selftests-run-all')!);
    await settle();
    // Stops at the first refusal; the visit ends like any other.
    expect(kiosk.callsTo('maintenance.selfTest')).toHaveLength(1);
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'home' }]);
    expect(view.byTestId('home')).not.toBeNull();
    expect(view.byTestId('selftests')).toBeNull();
  });
});
