import { useEffect, useState } from 'react';
import type { ResultView } from '../../../contract/progress';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { BackButton } from '../guides/back-button';
import { Pager, pageOf } from '../guides/pager';
import { useKioskCall } from '../guides/use-kiosk-call';
import { useLandscape } from '../guides/use-landscape';
import { OfflinePanel } from './offline-panel';
import { usePrintFlow } from './print-flow';
import { hallTime, useProgressText } from './progress-text';
import { useAvailability } from './use-availability';
import { useIdentified } from './use-identified';
import { Waiting } from './waiting';
import './progress.css';

/**
 * 结果查询与打印: the identified resident's finished cases and the platform's result documents,
 * printed on the A4 printer. Without an identified resident it asks for the card first (the
 * shared identify screen comes back here).
 */
export function ResultsScreen() {
  const { replace } = useSession();
  const online = useAvailability();
  const identified = useIdentified();
  useEffect(() => {
    if (online && identified.status === 'no') replace({ name: 'identify', purpose: 'results', next: { name: 'results' } });
  }, [online, identified.status, replace]);
  if (online === null || identified.status === 'checking') return <Waiting slow={false} />;
  if (!online) return <OfflinePanel service="results" />;
  if (identified.status === 'no') return <Waiting slow={false} />;
  return <ResultsList />;
}

function ResultsList() {
  const pt = useProgressText();
  const call = useKioskCall('results.mine', {}, 'results');
  if (call.status === 'loading') return <Waiting slow={call.slow} />;
  if (call.status === 'error' && call.error.code === 'PLATFORM_UNREACHABLE') return <OfflinePanel service="results" />;
  return (
    <ScreenFrame prompt={pt('results.prompt')} testId="results">
      <div className="pg-toprow">
        <BackButton />
      </div>
      {call.status === 'error' ? <ErrorMessage error={call.error} onRetry={call.retry} /> : null}
      {call.status === 'ok' && call.value.length === 0 ? <p role="status">{pt('results.none')}</p> : null}
      {call.status === 'ok' && call.value.length > 0 ? <Cases cases={call.value} /> : null}
    </ScreenFrame>
  );
}

/** Finished cases on a page: each is a tall card, so few at a time (one in elderly portrait). */
export const resultsPerPage = (elderly: boolean, landscape: boolean) => (elderly ? 1 : landscape ? 2 : 3);

function Cases({ cases }: { cases: ResultView[] }) {
  const { kiosk, lang, elderly } = useSession();
  const pt = useProgressText();
  const flow = usePrintFlow();
  const [printed, setPrinted] = useState<ReadonlySet<string>>(new Set());
  const [page, setPage] = useState(0);
  const shown = pageOf(cases, page, resultsPerPage(elderly, useLandscape()));
  // Home ends an identified visit, so the receipt for what was printed is offered right here.
  const receipt = () => flow.run({ kind: 'receipt' }, () => kiosk.invoke('slips.receipt', { lang }));
  const print = (documentId: string, title: string) =>
    flow.run({ kind: 'document', title }, () => kiosk.invoke('results.print', { documentId }), () => {
      setPrinted((s) => new Set([...s, documentId]));
      return {
        details: (
          <button type="button" className="button huge" data-testid="pg-print-receipt" onClick={receipt}>
            {pt('results.receipt')}
          </button>
        ),
        spoken: null,
      };
    });
  return (
    <>
      <p role="status" data-testid="results-count">
        {pt('results.count', { count: cases.length })}
      </p>
      <ul className="pg-list">
        {shown.items.map((c) => (
          <li key={c.number} className="pg-result" data-testid={`result-${c.number}`} data-outcome={c.outcome}>
            <h2 className="pg-result-title">{c.itemName}</h2>
            <p className="pg-status">{pt(`results.outcome.${c.outcome}`)}</p>
            <p>
              {c.number} · {pt('results.decided', { time: hallTime(c.decidedAt) })}
            </p>
            <p>{c.summary}</p>
            <div className="pg-actions">
              {c.documents.map((d) =>
                !d.printable ? (
                  <p key={d.documentId}>{pt('results.notPrintable', { title: d.title })}</p>
                ) : printed.has(d.documentId) ? (
                  <p key={d.documentId} className="pg-printed" data-testid={`printed-${d.documentId}`}>
                    ✓ {pt('results.printed', { title: d.title })}
                  </p>
                ) : (
                  <button key={d.documentId} type="button" className="button primary" data-testid={`print-${d.documentId}`} disabled={flow.busy} onClick={() => print(d.documentId, d.title)}>
                    {pt('results.print', { title: d.title })}
                  </button>
                ),
              )}
            </div>
          </li>
        ))}
      </ul>
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} testId="results-pager" />
      {flow.overlay}
    </>
  );
}
