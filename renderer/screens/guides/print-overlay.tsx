import { useCallback, type ReactNode } from 'react';
import type { RequestOf } from '../../../contract/channels';
import type { KioskErrorBody } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { PrintingPhase, PrintJobOverlay, usePrintJob, type ActivePrintJob } from '../../components/print-job';
import { useSpoken } from '../../components/use-spoken';
import { useCatalogueText } from './catalogue-text';

export type PrintTarget = RequestOf<'catalogue.print'>;
type What = 'guide' | 'blank' | 'sample';

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
  const { state, run, close, busy } = usePrintJob<What, null>();
  const print = useCallback((target: PrintTarget) => run(whatOf(target), () => kiosk.invoke('catalogue.print', target), () => null), [kiosk, run]);
  const overlay = state.phase === 'idle' ? null : <PrintOverlay state={state} onClose={close} />;
  return { print, overlay, busy };
}

function PrintOverlay({ state, onClose }: { state: ActivePrintJob<What, null>; onClose: () => void }) {
  return (
    <PrintJobOverlay className="cat-overlay" dialogClassName="cat-dialog" titleId="print-title" data-testid="print-overlay" data-phase={state.phase}>
      {state.phase === 'printing' ? <Printing what={state.job} slow={state.slow} /> : null}
      {state.phase === 'done' ? <Done onClose={onClose} /> : null}
      {state.phase === 'failed' ? <Failed error={state.error} onClose={onClose} /> : null}
    </PrintJobOverlay>
  );
}

function Printing({ what, slow }: { what: What; slow: boolean }) {
  const ct = useCatalogueText();
  const title = ct('print.progress', { what: ct(`print.what.${what}`) });
  return <PrintingPhase title={title} slowText={ct('print.slow')} slow={slow} titleId="print-title" statusTestId="print-status" />;
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
