import { useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeKiosk } from '../test-support/fake-kiosk';
import { render, tap, type Rendered } from '../test-support/render';
import { CrashBoundary } from './crash-boundary';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  vi.restoreAllMocks();
});

function Bomb(): never {
  throw new Error('screen exploded');
}

describe('a screen that throws', () => {
  test('shows a bilingual way home instead of a white screen, and reports the failure', async () => {
    // React reports caught render errors on the console; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const kiosk = fakeKiosk();
    function Harness() {
      const [generation, setGeneration] = useState(0);
      return (
        <CrashBoundary key={generation} kiosk={kiosk.api} onHome={() => setGeneration((g) => g + 1)}>
          {generation === 0 ? <Bomb /> : <p data-testid="fresh">fresh session</p>}
        </CrashBoundary>
      );
    }
    view = await render(<Harness />);
    expect(view.byTestId('crash')?.textContent).toContain('这个页面出了点问题');
    expect(view.byTestId('crash')?.textContent).toContain('Something went wrong on this screen');
    expect(kiosk.callsTo('log.report')).toEqual([{ level: 'error', message: 'Error: screen exploded', screen: 'renderer' }]);
    await tap(view.button('返回首页'));
    expect(view.byTestId('fresh')).not.toBeNull();
  });
});
