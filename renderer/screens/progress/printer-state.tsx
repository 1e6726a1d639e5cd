import type { TicketPrinterView } from '../../../contract/progress';
import { PrinterProblem } from './print-flow';
import { useProgressText } from './progress-text';
import { useSpokenAfter } from './use-spoken-after';

/** Paper low (still prints) or a printer that cannot print, said before anything is offered. */
export function PrinterState({ printer }: { printer: TicketPrinterView }) {
  const pt = useProgressText();
  if (!printer.ready) return <PrinterProblem text={printer.paper === 'out' ? pt('slips.paperOut') : pt('slips.printerDown')} code={printer.paper === 'out' ? 'PRINTER_OUT_OF_PAPER' : 'PRINTER_OFFLINE'} />;
  if (printer.paper === 'low') return <PaperLow />;
  return null;
}

function PaperLow() {
  const pt = useProgressText();
  useSpokenAfter(pt('slips.paperLow'));
  return (
    <div className="message notice" role="status" data-testid="paper-low">
      <span className="message-icon" aria-hidden="true">
        i
      </span>
      <p>{pt('slips.paperLow')}</p>
    </div>
  );
}
