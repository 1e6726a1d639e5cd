import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { RequestOf } from '../../../contract/channels';
import type { KioskErrorBody } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { useSpoken } from '../../components/use-spoken';
import { useCatalogueText } from './catalogue-text';
import { SLOW_WAIT_MS } from './use-kiosk-call';

export type PrintTarget = RequestOf<'catalogue.print'>;
type What = 'guide' | 'blank' | 'sample';

type PrintState =
  | { phase: 'idle' }
  | { phase: 'printing'; what: What; slow: boolean }
  | { phase: 'done' }
  | { phase: 'failed'; error: KioskErrorBody };

const PRINTER_CODES: ReadonlySet<KioskErrorBody['code']> = new Set(['PRINTER_OUT_OF_PAPER', 'PRINTER_OFFLINE', 'PRINTER_ERROR', 'PRINT_NOT_ALLOWED']);

const whatOf = (target: PrintTarget): What => (target.kind === 'guide' ? 'guide' : target.variant);

/**
 * Printing a guide or a form, shared by the guide page and the forms screen. It is an overlay on
 * the screen the resident was on, so closing it (done or failed) leaves them exactly where they
 * were. Every phase is shown and spoken; a failure says plainly what happened, that the job is
 * kept (the kiosk never prints it twice) and where to get help.
 */
export function usePrinter(): { print: (target: PrintTarget) => void; overlay: ReactNode; busy: boolean } {
  const { kiosk } = useSession();
  const [state, setState] = useState<PrintState>({ phase: 'idle' });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const print = useCallback(
    (target: PrintTarget) => {
      const what = whatOf(target);
      setState({ phase: 'printing', what, slow: false });
      const timer = setTimeout(() => live.current && setState((s) => (s.phase === 'printing' ? { ...s, slow: true } : s)), SLOW_WAIT_MS);
      void kiosk.invoke('catalogue.print', target).then((result) => {
        clearTimeout(timer);
        if (!live.current) return;
        setState(result.ok ? { phase: 'done' } : { phase: 'failed', error: result.error });
      });
    },
    [kiosk],
  );
  const close = useCallback(() => setState({ phase: 'idle' }), []);
  const overlay = state.phase === 'idle' ? null : <PrintOverlay state={state} onClose={close} />;
  return { print, overlay, busy: state.phase === 'printing' };
}

/**
 * While the overlay is up nothing else on the kiosk can be reached, by touch or by assistive
 * technology: every sibling on the way up to the kiosk frame is made inert, and released after.
 * (The frame itself is left alone: the idle countdown owns its `inert`.)
 */
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

function PrintOverlay({ state, onClose }: { state: Exclude<PrintState, { phase: 'idle' }>; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useInertAround(ref);
  return (
    <div className="cat-overlay" data-testid="print-overlay" data-phase={state.phase} ref={ref}>
      <div className="cat-dialog" role="dialog" aria-modal="true" aria-labelledby="print-title">
        {state.phase === 'printing' ? <Printing what={state.what} slow={state.slow} /> : null}
        {state.phase === 'done' ? <Done onClose={onClose} /> : null}
        {state.phase === 'failed' ? <Failed error={state.error} onClose={onClose} /> : null}
      </div>
    </div>
  );
}

function Printing({ what, slow }: { what: What; slow: boolean }) {
  const ct = useCatalogueText();
  const title = ct('print.progress', { what: ct(`print.what.${what}`) });
  useSpoken(slow ? ct('print.slow') : title);
  return (
    <>
      <h2 id="print-title" className="prompt">
        {title}
      </h2>
      <span className="spinner" aria-hidden="true" />
      <p role="status" data-testid="print-status">
        {slow ? ct('print.slow') : title}
      </p>
    </>
  );
}

function Done({ onClose }: { onClose: () => void }) {
  const ct = useCatalogueText();
  useSpoken(`${ct('print.done')} ${ct('print.doneBody')}`);
  return (
    <>
      <p className="cat-done-icon" aria-hidden="true">
        ✓
      </p>
      <h2 id="print-title" className="prompt" data-testid="print-done">
        {ct('print.done')}
      </h2>
      <p>{ct('print.doneBody')}</p>
      <button type="button" className="button primary huge" data-testid="print-ok" onClick={onClose}>
        {ct('print.ok')}
      </button>
    </>
  );
}

function Failed({ error, onClose }: { error: KioskErrorBody; onClose: () => void }) {
  const ct = useCatalogueText();
  return (
    <>
      <h2 id="print-title" className="prompt" data-testid="print-failed">
        {ct('print.failed')}
      </h2>
      {/* Not a printer error: the kiosk could not say how the job ended (it may have printed). */}
      <ErrorMessage error={error} {...(PRINTER_CODES.has(error.code) ? {} : { extra: ct('print.unsure') })} />
      <button type="button" className="button primary huge" data-testid="print-close" onClick={onClose}>
        {ct('print.close')}
      </button>
    </>
  );
}
