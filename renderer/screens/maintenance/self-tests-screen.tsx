import { useCallback, useEffect, useRef, useState } from 'react';
import { ERROR_CODES, type KioskErrorBody } from '../../../contract/errors';
import { SELF_TESTS, type SelfTest, type SelfTestResult } from '../../../contract/maintenance-access';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { factLabel, factValue, useMaintenanceAccessText } from './maintenance-access-text';
import './maintenance-access.css';

type Row = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: SelfTestResult } | { state: 'error'; error: KioskErrorBody };

const initialRows = (): Record<SelfTest, Row> =>
  Object.fromEntries(SELF_TESTS.map((test) => [test, { state: 'idle' }])) as Record<SelfTest, Row>;

/**
 * The technician's self-tests: each runs the real path in main (A4 page through the page print
 * service, test ticket, card read, platform round trip, database check) and shows its outcome and
 * facts (cards masked). A FORBIDDEN answer means the maintenance session ended (five minutes
 * without a touch, or signed out elsewhere): the screen wipes everything and returns home.
 */
export function SelfTestsScreen({ token }: { token: string }) {
  const { kiosk, back, wipe, say } = useSession();
  const ma = useMaintenanceAccessText();
  const [rows, setRows] = useState(initialRows);
  const [busy, setBusy] = useState(false);
  const ended = useRef(false);

  const runOne = useCallback(
    async (test: SelfTest): Promise<boolean> => {
      setRows((r) => ({ ...r, [test]: { state: 'running' } }));
      const answer = await kiosk.invoke('maintenance.selfTest', { token, test });
      if (!answer.ok && answer.error.code === 'FORBIDDEN') {
        ended.current = true;
        wipe('home');
        return false;
      }
      setRows((r) => ({ ...r, [test]: answer.ok ? { state: 'done', result: answer.value } : { state: 'error', error: answer.error } }));
      if (answer.ok) say(ma('selftests.result', { test: ma(`test.${test}`), outcome: ma(answer.value.ok ? 'selftests.ok' : 'selftests.failed') }), 'queue');
      return true;
    },
    [kiosk, token, wipe, say, ma],
  );

  const run = async (tests: readonly SelfTest[]) => {
    setBusy(true);
    for (const test of tests) if (!(await runOne(test))) return;
    if (!ended.current) setBusy(false);
  };

  useEffect(
    () => () => {
      ended.current = true;
    },
    [],
  );

  return (
    <ScreenFrame prompt={ma('selftests.prompt')} testId="selftests">
      <p>{ma('selftests.intro')}</p>
      <div className="ma-actions">
        <button type="button" className="button primary" data-testid="selftests-run-all" disabled={busy} onClick={() => void run(SELF_TESTS)}>
          {ma('selftests.runAll')}
        </button>
        <button type="button" className="button" data-testid="selftests-back" onClick={back}>
          {ma('selftests.back')}
        </button>
      </div>
      <ul className="ma-tests">
        {SELF_TESTS.map((test) => {
          const row = rows[test];
          const outcome = row.state === 'done' ? (row.result.ok ? 'ok' : 'failed') : row.state === 'error' ? 'failed' : row.state;
          return (
            <li key={test} className={`ma-test ma-${outcome}`} data-testid={`selftest-${test}`} data-state={outcome}>
              <div className="ma-test-head">
                <h2 className="ma-test-name">{ma(`test.${test}`)}</h2>
                <p className="ma-test-state" aria-live="polite">
                  <span aria-hidden="true" className="ma-symbol">
                    {outcome === 'ok' ? '✓' : outcome === 'failed' ? '!' : outcome === 'running' ? '…' : '○'}
                  </span>
                  {outcome === 'ok'
                    ? ma('selftests.ok')
                    : outcome === 'failed'
                      ? ma('selftests.failed')
                      : outcome === 'running'
                        ? ma('selftests.running')
                        : ma('selftests.notRun')}
                  {row.state === 'done' ? ` · ${ma('selftests.took', { seconds: (row.result.ms / 1000).toFixed(1) })}` : null}
                </p>
                <button
                  type="button"
                  className="button"
                  data-testid={`selftest-run-${test}`}
                  aria-label={`${ma('selftests.run')} · ${ma(`test.${test}`)}`}
                  disabled={busy}
                  onClick={() => void run([test])}
                >
                  {ma('selftests.run')}
                </button>
              </div>
              {row.state === 'running' && test === 'card-reader' ? <p role="status">{ma('selftests.cardWait')}</p> : null}
              {row.state === 'done' ? <Facts result={row.result} /> : null}
              {row.state === 'done' && row.result.code ? <ErrorMessage error={{ code: errorCode(row.result.code) }} /> : null}
              {/* What main said, for the technician and the support line (technical, already masked). */}
              {row.state === 'done' && !row.result.ok ? (
                <p className="ma-detail" data-testid={`selftest-detail-${test}`}>
                  {row.result.detail}
                </p>
              ) : null}
              {row.state === 'error' ? <ErrorMessage error={row.error} /> : null}
            </li>
          );
        })}
      </ul>
    </ScreenFrame>
  );
}

function Facts({ result }: { result: SelfTestResult }) {
  const ma = useMaintenanceAccessText();
  if (result.facts.length === 0) return null;
  return (
    <dl className="ma-facts">
      {result.facts.map((f) => (
        <div key={f.label} className="ma-fact" data-fact={f.label}>
          <dt>{factLabel(ma, f.label)}</dt>
          <dd data-value={f.value}>{factValue(ma, f.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Main reports codes from the closed list; anything else is shown as an internal error. */
function errorCode(code: string): KioskErrorBody['code'] {
  return (ERROR_CODES_SET.has(code) ? code : 'INTERNAL') as KioskErrorBody['code'];
}

const ERROR_CODES_SET: ReadonlySet<string> = new Set(ERROR_CODES);
