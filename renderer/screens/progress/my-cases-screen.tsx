import { useState } from 'react';
import type { ApplicationView } from '../../../contract/progress';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { BackButton } from '../guides/back-button';
import { Pager, pageOf } from '../guides/pager';
import { useKioskCall } from '../guides/use-kiosk-call';
import { useLandscape } from '../guides/use-landscape';
import { OfflinePanel } from './offline-panel';
import { hallTime, useProgressText } from './progress-text';
import { Waiting } from './waiting';
import './progress.css';

/** The identified resident's applications, newest first; each opens its progress. */
export function MyCasesScreen() {
  const pt = useProgressText();
  const call = useKioskCall('progress.mine', {}, 'mine');
  if (call.status === 'loading') return <Waiting slow={call.slow} />;
  if (call.status === 'error' && call.error.code === 'PLATFORM_UNREACHABLE') return <OfflinePanel service="progress" />;
  return (
    <ScreenFrame prompt={pt('mine.prompt')} testId="progress-mine">
      <div className="pg-toprow">
        <BackButton />
      </div>
      {call.status === 'error' ? <ErrorMessage error={call.error} onRetry={call.retry} /> : null}
      {call.status === 'ok' && call.value.length === 0 ? <p role="status">{pt('mine.none')}</p> : null}
      {call.status === 'ok' && call.value.length > 0 ? <Cases cases={call.value} /> : null}
    </ScreenFrame>
  );
}

/** Applications on a page, as large buttons: long lists are paged, never scrolled. */
export const casesPerPage = (elderly: boolean, landscape: boolean) => (elderly ? (landscape ? 2 : 3) : landscape ? 4 : 6);

function Cases({ cases }: { cases: ApplicationView[] }) {
  const { open, elderly } = useSession();
  const pt = useProgressText();
  const [page, setPage] = useState(0);
  const shown = pageOf(cases, page, casesPerPage(elderly, useLandscape()));
  return (
    <>
      <p role="status" data-testid="mine-count">
        {pt('mine.count', { count: cases.length })}
      </p>
      <ul className="pg-list">
        {shown.items.map((a) => (
          <li key={a.number}>
            <button type="button" className="button pg-case-button" data-testid={`case-${a.number}`} onClick={() => open({ name: 'progress-case', number: a.number })}>
              <span className="pg-case-title">{pt('mine.item', { item: a.itemName, status: pt(`status.${a.status}`) })}</span>
              <span className="pg-case-meta">
                {a.number} · {hallTime(a.submittedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} testId="mine-pager" />
    </>
  );
}
