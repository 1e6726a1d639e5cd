import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { KioskErrorBody, Result } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { useSpoken } from '../../components/use-spoken';
import { useTakeReminder } from '../../voice/take-reminder';
import { useProgressText } from './progress-text';
import { useSpokenAfter } from './use-spoken-after';

/** What is being printed: tickets come out of the thermal printer, documents out of the A4 one. */
export type PrintJob = { kind: 'slip' | 'queue' | 'receipt' } | { kind: 'document'; title: string };

type State =
  | { phase: 'idle' }
  | { phase: 'printing'; job: PrintJob; slow: boolean }
  | { phase: 'done'; job: PrintJob; details: ReactNode; spoken: string | null }
  | { phase: 'failed'; job: PrintJob; error: KioskErrorBody };

const SLOW_WAIT_MS = 10_000;

/**
 * Printing a slip, queue ticket, receipt or result document: an overlay over the screen the
 * resident was on, so closing it leaves them where they were. Every phase is shown and spoken; the
 * "take your ticket/document" reminder runs until they close it; a failure says what happened and
 * what to do (the A4 job is kept by the kiosk and never printed twice).
 */
export function usePrintFlow(): {
  run: <T>(job: PrintJob, call: () => Promise<Result<T>>, done?: (value: T) => { details: ReactNode; spoken: string | null }) => void;
  overlay: ReactNode;
  busy: boolean;
} {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const run = useCallback(<T,>(job: PrintJob, call: () => Promise<Result<T>>, done?: (value: T) => { details: ReactNode; spoken: string | null }) => {
    setState({ phase: 'printing', job, slow: false });
    const timer = setTimeout(() => live.current && setState((s) => (s.phase === 'printing' ? { ...s, slow: true } : s)), SLOW_WAIT_MS);
    void call().then((result) => {
      clearTimeout(timer);
      if (!live.current) return;
      if (!result.ok) return setState({ phase: 'failed', job, error: result.error });
      const shown = done?.(result.value) ?? { details: null, spoken: null };
      setState({ phase: 'done', job, ...shown });
    });
  }, []);
  const close = useCallback(() => setState({ phase: 'idle' }), []);
  const overlay = state.phase === 'idle' ? null : <PrintOverlay state={state} onClose={close} />;
  return { run, overlay, busy: state.phase === 'printing' };
}

/** While the overlay is up nothing else can be reached, by touch or by assistive technology. */
function useInertAround(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const made: Element[] = [];
    for (let node = ref.current; node && !node.classList.contains('kiosk-frame'); node = node.parentElement) {
      for (const sibling of node.parentElement?.children ?? []) {
        if (sibling !== node && !sibling.hasAttribute('inert')) {
          sibling.setAttribute('inert', '');
          made.push(sibling);
        }
      }
    }
    return () => made.forEach((el) => el.removeAttribute('inert'));
  }, [ref]);
}

function PrintOverlay({ state, onClose }: { state: Exclude<State, { phase: 'idle' }>; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useInertAround(ref);
  return (
    <div className="pg-overlay" data-testid="pg-print" data-phase={state.phase} data-job={state.job.kind} ref={ref}>
      <div className="pg-dialog" role="dialog" aria-modal="true" aria-labelledby="pg-print-title">
        {state.phase === 'printing' ? <Printing job={state.job} slow={state.slow} /> : null}
        {state.phase === 'done' ? <Done job={state.job} details={state.details} spoken={state.spoken} onClose={onClose} /> : null}
        {state.phase === 'failed' ? <Failed job={state.job} error={state.error} onClose={onClose} /> : null}
      </div>
    </div>
  );
}

function Printing({ job, slow }: { job: PrintJob; slow: boolean }) {
  const pt = useProgressText();
  const title = job.kind === 'document' ? pt('print.document', { title: job.title }) : pt(`print.${job.kind}`);
  useSpoken(slow ? pt('print.slow') : title);
  return (
    <>
      <h2 id="pg-print-title" className="prompt">
        {title}
      </h2>
      <span className="spinner" aria-hidden="true" />
      <p role="status" data-testid="pg-print-status">
        {slow ? pt('print.slow') : title}
      </p>
    </>
  );
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
