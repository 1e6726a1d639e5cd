import { useCallback, type ReactNode } from 'react';
import type { KioskErrorBody, Result } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { PrintingPhase, PrintJobOverlay, usePrintJob, type ActivePrintJob } from '../../components/print-job';
import { useSpoken } from '../../components/use-spoken';
import { useTakeReminder } from '../../voice/take-reminder';
import { useProgressText } from './progress-text';
import { useSpokenAfter } from './use-spoken-after';

/** What is being printed: tickets come out of the thermal printer, documents out of the A4 one. */
export type PrintJob = { kind: 'slip' | 'queue' | 'receipt' } | { kind: 'document'; title: string };

type Shown = { details: ReactNode; spoken: string | null };

/**
 * Printing a slip, queue ticket, receipt or result document: an overlay over the screen the
 * resident was on, so closing it leaves them where they were. Every phase is shown and spoken; the
 * "take your ticket/document" reminder runs until they close it; a failure says what happened and
 * what to do (the A4 job is kept by the kiosk and never printed twice).
 */
export function usePrintFlow(): {
  run: <T>(job: PrintJob, call: () => Promise<Result<T>>, done?: (value: T) => Shown) => void;
  overlay: ReactNode;
  busy: boolean;
} {
  const { state, run: runJob, close, busy } = usePrintJob<PrintJob, Shown>();
  const run = useCallback(
    <T,>(job: PrintJob, call: () => Promise<Result<T>>, done?: (value: T) => Shown) => runJob(job, call, (value) => done?.(value) ?? { details: null, spoken: null }),
    [runJob],
  );
  const overlay = state.phase === 'idle' ? null : <PrintOverlay state={state} onClose={close} />;
  return { run, overlay, busy };
}

function PrintOverlay({ state, onClose }: { state: ActivePrintJob<PrintJob, Shown>; onClose: () => void }) {
  return (
    <PrintJobOverlay className="pg-overlay" dialogClassName="pg-dialog" titleId="pg-print-title" data-testid="pg-print" data-phase={state.phase} data-job={state.job.kind}>
      {state.phase === 'printing' ? <Printing job={state.job} slow={state.slow} /> : null}
      {state.phase === 'done' ? <Done job={state.job} details={state.shown.details} spoken={state.shown.spoken} onClose={onClose} /> : null}
      {state.phase === 'failed' ? <Failed job={state.job} error={state.error} onClose={onClose} /> : null}
    </PrintJobOverlay>
  );
}

function Printing({ job, slow }: { job: PrintJob; slow: boolean }) {
  const pt = useProgressText();
  const title = job.kind === 'document' ? pt('print.document', { title: job.title }) : pt(`print.${job.kind}`);
  return <PrintingPhase title={title} slowText={pt('print.slow')} slow={slow} titleId="pg-print-title" statusTestId="pg-print-status" />;
}

function Done({ job, details, spoken, onClose }: { job: PrintJob; details: ReactNode; spoken: string | null; onClose: () => void }) {
  const pt = useProgressText();
  const title = job.kind === 'document' ? pt('print.takeDocument') : pt('print.takeTicket');
  useSpoken(spoken ?? title);
  useTakeReminder(job.kind === 'document' ? 'document' : 'ticket', true);
  return (
    <>
      <p className="pg-done-icon" aria-hidden="true">
        ✓
      </p>
      <h2 id="pg-print-title" className="prompt" data-testid="pg-print-done">
        {title}
      </h2>
      {details}
      <button type="button" className="button primary huge" data-testid="pg-print-ok" onClick={onClose}>
        {pt('print.ok')}
      </button>
    </>
  );
}

function Failed({ job, error, onClose }: { job: PrintJob; error: KioskErrorBody; onClose: () => void }) {
  const pt = useProgressText();
  const cutShort = error.detail?.afterPrint === true;
  // The shared printer texts speak of a kept A4 job; a ticket is not kept, so tickets say their own words.
  const ticketPrinter = job.kind !== 'document' && error.code.startsWith('PRINTER_');
  return (
    <>
      <h2 id="pg-print-title" className="prompt" data-testid="pg-print-failed">
        {pt('print.failed')}
      </h2>
      {ticketPrinter ? (
        <PrinterProblem text={error.code === 'PRINTER_OUT_OF_PAPER' ? pt('slips.paperOut') : pt('slips.printerDown')} code={error.code} extra={cutShort ? pt('print.cutShort') : null} />
      ) : (
        <ErrorMessage error={error} {...(cutShort ? { extra: pt('print.cutShort') } : {})} />
      )}
      <button type="button" className="button primary huge" data-testid="pg-print-close" onClick={onClose}>
        {pt('print.close')}
      </button>
    </>
  );
}

/** The ticket printer cannot print: said plainly, shown and spoken, with what to do instead. */
export function PrinterProblem({ text, code, extra = null }: { text: string; code: string; extra?: string | null }) {
  const pt = useProgressText();
  const { t } = useSession();
  const spoken = [text, extra, pt('slips.printerNext')].filter(Boolean).join(' ');
  useSpokenAfter(spoken);
  return (
    <div className="message error" role="alert" data-testid="error-message" data-code={code}>
      <span className="message-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p className="message-title">{t('error.title')}</p>
        <p>{text}</p>
        {extra ? <p>{extra}</p> : null}
        <p>{pt('slips.printerNext')}</p>
      </div>
    </div>
  );
}
