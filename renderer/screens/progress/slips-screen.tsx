import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';
import { localName } from '../guides/catalogue-text';
import { BackButton } from '../guides/back-button';
import { PrinterState } from './printer-state';
import { usePrintFlow } from './print-flow';
import { useProgressText } from './progress-text';
import { useTicketPrinter } from './use-ticket-printer';
import { Waiting } from './waiting';
import './progress.css';

/**
 * 取号/凭条: a queue number for one of the hall's services, and a receipt for what this visit
 * printed. The ticket printer is asked first: paper low is said, paper out stops the offer,
 * before anyone waits at the slot. Works offline (numbers are issued by the kiosk itself).
 */
export function SlipsScreen() {
  const { kiosk, lang } = useSession();
  const pt = useProgressText();
  const { overview, refresh } = useTicketPrinter();
  const flow = usePrintFlow();
  if (!overview) return <Waiting slow={false} text={pt('slips.checking')} />;
  const { hall, printer, prints } = overview;
  const cannot = !printer.ready || flow.busy;

  const queue = (categoryId: string) =>
    flow.run({ kind: 'queue' }, () => kiosk.invoke('slips.queue', { categoryId, lang }), (t) => {
      refresh();
      const category = localName(lang, t.categoryName, t.categoryNameEn);
      return {
        spoken: pt('queue.spoken', { number: t.number, count: t.waiting }),
        details: (
          <div className="pg-ticket" data-testid="queue-ticket" data-number={t.number}>
            <p className="pg-ticket-number">{pt('queue.number', { number: t.number })}</p>
            <p>{pt('queue.category', { category })}</p>
            <p>{pt('queue.waiting', { count: t.waiting })}</p>
          </div>
        ),
      };
    });
  const receipt = () =>
    flow.run({ kind: 'receipt' }, () => kiosk.invoke('slips.receipt', { lang }), () => {
      refresh();
      return { details: null, spoken: null };
    });

  return (
    <ScreenFrame prompt={pt('slips.prompt')} testId="slips">
      <div className="pg-toprow">
        <BackButton />
      </div>
      <PrinterState printer={printer} />
      {hall ? (
        <section className="pg-section" aria-labelledby="slips-hall">
          <h2 id="slips-hall" className="pg-heading">
            {pt('slips.hall', { hall: localName(lang, hall.name, hall.nameEn) })}
          </h2>
          <ul className="pg-grid">
            {hall.categories.map((c) => (
              <li key={c.id}>
                <button type="button" className="button pg-category" data-testid={`queue-${c.id}`} disabled={cannot} onClick={() => queue(c.id)}>
                  <span className="pg-case-title">{localName(lang, c.name, c.nameEn)}</span>
                  <span className="pg-case-meta">{pt('slips.waiting', { count: c.waiting })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p role="status">{pt('slips.noHall')}</p>
      )}
      <section className="pg-section" aria-labelledby="slips-receipts">
        <h2 id="slips-receipts" className="pg-heading">
          {pt('slips.receipts')}
        </h2>
        {prints > 0 ? (
          <button type="button" className="button huge" data-testid="slips-receipt" disabled={cannot} onClick={receipt}>
            {pt('slips.receipt', { count: prints })}
          </button>
        ) : (
          <p>{pt('slips.noPrints')}</p>
        )}
      </section>
      {flow.overlay}
    </ScreenFrame>
  );
}
