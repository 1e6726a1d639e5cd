import type { ApplicationView } from '../../../contract/progress';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { BackButton } from '../guides/back-button';
import { useKioskCall } from '../guides/use-kiosk-call';
import { OfflinePanel } from './offline-panel';
import { PrinterState } from './printer-state';
import { usePrintFlow } from './print-flow';
import { hallTime, useProgressText } from './progress-text';
import { useSpokenAfter } from './use-spoken-after';
import { useTicketPrinter } from './use-ticket-printer';
import { Waiting } from './waiting';
import './progress.css';

const MARK = { done: '✓', current: '▶', pending: '○' } as const;

/** One application: its status, the steps done and what comes next; a slip with a QR to the case. */
export function CaseScreen({ number }: { number: string }) {
  const pt = useProgressText();
  const call = useKioskCall('progress.lookup', { number }, number);
  if (call.status === 'loading') return <Waiting slow={call.slow} />;
  if (call.status === 'error' && call.error.code === 'PLATFORM_UNREACHABLE') return <OfflinePanel service="progress" />;
  if (call.status === 'error')
    return (
      <ScreenFrame prompt={pt('progress.prompt')} testId="progress-case-error">
        <div className="pg-toprow">
          <BackButton />
        </div>
        <ErrorMessage error={call.error} onRetry={call.retry} />
      </ScreenFrame>
    );
  return <CaseView application={call.value} />;
}

function CaseView({ application: a }: { application: ApplicationView }) {
  const { kiosk, lang, open, elderly } = useSession();
  const pt = useProgressText();
  const printer = useTicketPrinter();
  const flow = usePrintFlow();
  const status = pt(`status.${a.status}`);
  const next = a.nextStep ? pt('case.next', { step: a.nextStep }) : pt('case.noNext');
  useSpokenAfter(pt('case.spoken', { item: a.itemName, status, next }));
  const printSlip = () => {
    flow.run({ kind: 'slip' }, () => kiosk.invoke('progress.slip', { number: a.number, lang }));
  };
  return (
    <ScreenFrame prompt={pt('case.prompt', { item: a.itemName })} testId="progress-case">
      <div className="pg-toprow">
        <BackButton />
      </div>
      <div className="pg-case-layout">
        <div className="pg-case-main">
          <div className="pg-case" data-testid="case-details" data-status={a.status}>
            <p className="pg-status" data-testid="case-status">
              {pt('case.status', { status })}
            </p>
            <p>{pt('case.number', { number: a.number })}</p>
            <p>{pt('case.applicant', { name: a.applicantMasked })}</p>
            {/* Elderly mode: fewer lines, so the status, the next step and the slip fit one screen. */}
            {elderly ? null : <p>{pt('case.department', { department: a.department })}</p>}
            {elderly ? null : <p>{pt('case.submitted', { time: hallTime(a.submittedAt) })}</p>}
            {a.dueAt !== null ? <p>{pt('case.due', { time: hallTime(a.dueAt) })}</p> : null}
          </div>
          <p className="pg-next" data-testid="case-next">
            {next}
          </p>
          {printer.overview ? <PrinterState printer={printer.overview.printer} /> : null}
          <div className="pg-actions">
            <button type="button" className="button primary huge" data-testid="case-slip" disabled={flow.busy || !printer.overview?.printer.ready} onClick={printSlip}>
              {pt('case.slip')}
            </button>
            {a.hasResult ? (
              <button type="button" className="button huge" data-testid="case-results" onClick={() => open({ name: 'results' })}>
                {pt('case.results')}
              </button>
            ) : null}
          </div>
        </div>
        <section className="pg-case-steps" aria-labelledby="case-steps-title">
          <h2 id="case-steps-title" className="pg-heading">
            {pt('case.steps')}
          </h2>
          <ol className="pg-steps" data-testid="case-steps">
            {a.steps.map((s, i) => (
              <li key={`${i}-${s.name}`} className={`pg-step pg-step-${s.state}`} data-state={s.state}>
                <span className="pg-step-mark" aria-hidden="true">
                  {MARK[s.state]}
                </span>
                <span className="pg-step-name">{s.name}</span>
                <span className="pg-step-state">
                  {pt(`case.step.${s.state}`)}
                  {s.at !== null ? ` · ${hallTime(s.at)}` : ''}
                  {s.handler ? ` · ${s.handler}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {flow.overlay}
    </ScreenFrame>
  );
}
