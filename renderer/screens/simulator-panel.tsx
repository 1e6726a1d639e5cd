import { useEffect, useState } from 'react';
import type { SimulatorAction } from '../../contract/channels';
import type { KioskErrorBody } from '../../contract/errors';
import { useSession } from '../app/session-context';
import { ErrorMessage } from '../components/error-message';
import { ScreenFrame } from '../components/screen-frame';
import type { MessageKey } from '../i18n/i18n';

type Resident = { id: string; label: string };
type Outcome = { ok: true; label: string } | { ok: false; error: KioskErrorBody } | null;

const LEVELS = [
  ['full', 'sim.paperFull'],
  ['low', 'sim.paperLow'],
  ['out', 'sim.paperOut'],
] as const satisfies readonly (readonly [string, MessageKey])[];

/**
 * Demo profile only (app.info.simulatorPanel): drives the device simulators and the network the
 * way a visitor would meet them. session.tsx loads this module lazily and only when app.info
 * allows it, so a production kiosk never renders it nor fetches its code; main refuses
 * simulator.* outside the demo profile as well. Later issues wire each action in main.
 */
export function SimulatorPanel() {
  const { kiosk, t, back } = useSession();
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    let live = true;
    void kiosk.invoke('simulator.residents', {}).then((r) => {
      if (live) setResidents(r.ok ? r.value : []);
    });
    return () => {
      live = false;
    };
  }, [kiosk]);

  const run = async (action: SimulatorAction, label: string) => {
    setOutcome(null);
    const result = await kiosk.invoke('simulator.control', action);
    setOutcome(result.ok ? { ok: true, label } : { ok: false, error: result.error });
  };

  // `label` is what the button says; `full` names it completely (for the result line and for
  // screen readers, e.g. which resident's card).
  const control = (action: SimulatorAction, label: string, full = label) => (
    <button key={full} type="button" className="button" aria-label={full === label ? undefined : full} onClick={() => void run(action, full)}>
      {label}
    </button>
  );

  return (
    <ScreenFrame prompt={t('sim.prompt')} testId="simulator-panel">
      <div className="sim-grid">
        <fieldset className="sim-group">
          <legend>{t('sim.residents')}</legend>
          {residents?.length === 0 ? <p>{t('sim.noResidents')}</p> : null}
          {residents && residents.length > 0 ? (
            <div className="sim-residents">
              {residents.map((r) => (
                <div key={r.id} className="sim-resident">
                  <span className="sim-label">{r.label}</span>
                  {control({ action: 'insertIdCard', residentId: r.id }, t('sim.insertId'), `${t('sim.insertId')} · ${r.label}`)}
                  {control({ action: 'insertSsCard', residentId: r.id }, t('sim.insertSs'), `${t('sim.insertSs')} · ${r.label}`)}
                </div>
              ))}
            </div>
          ) : null}
          <div className="sim-row">
            {control({ action: 'removeIdCard' }, t('sim.removeId'))}
            {control({ action: 'removeSsCard' }, t('sim.removeSs'))}
            {residents?.[0] ? control({ action: 'insertUnreadableIdCard', residentId: residents[0].id }, t('sim.unreadableId')) : null}
          </div>
        </fieldset>
        <fieldset className="sim-group">
          <legend>{t('sim.readers')}</legend>
          <div className="sim-row">
            {control({ action: 'setCardReader', reader: 'id-card', connected: false }, t('sim.idReaderOff'))}
            {control({ action: 'setCardReader', reader: 'id-card', connected: true }, t('sim.idReaderOn'))}
            {control({ action: 'setCardReader', reader: 'ss-card', connected: false }, t('sim.ssReaderOff'))}
            {control({ action: 'setCardReader', reader: 'ss-card', connected: true }, t('sim.ssReaderOn'))}
          </div>
        </fieldset>
        <fieldset className="sim-group">
          <legend>{t('sim.ticketPaper')}</legend>
          <div className="sim-row">{LEVELS.map(([level, key]) => control({ action: 'setTicketPaper', level }, `${t('sim.ticketPaper')}：${t(key)}`))}</div>
        </fieldset>
        <fieldset className="sim-group">
          <legend>{t('sim.pagePaper')}</legend>
          <div className="sim-row">
            {LEVELS.map(([level, key]) => control({ action: 'setPagePaper', level }, `${t('sim.pagePaper')}：${t(key)}`))}
            {control({ action: 'pagePaperOutMidJob' }, t('sim.pagePaperMidJob'))}
          </div>
        </fieldset>
        <fieldset className="sim-group">
          <legend>{t('sim.network')}</legend>
          <div className="sim-row">
            {control({ action: 'setNetwork', online: false }, t('sim.networkCut'))}
            {control({ action: 'setNetwork', online: true }, t('sim.networkRestore'))}
          </div>
        </fieldset>
      </div>
      {outcome?.ok === true ? <p role="status">{t('sim.done', { action: outcome.label })}</p> : null}
      {outcome?.ok === false ? <ErrorMessage error={outcome.error} /> : null}
      <button type="button" className="button primary" onClick={back}>
        {t('sim.close')}
      </button>
    </ScreenFrame>
  );
}
