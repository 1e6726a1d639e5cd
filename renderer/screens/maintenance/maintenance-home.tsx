import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';
import type { MaintenanceDashboard, PrinterId } from '../../../contract/maintenance';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import type { MaintenanceKey } from '../../i18n/maintenance-zh-CN';
import { durationParts, formatBytes, formatTime, useMaintenanceText } from './maintenance-text';
import { useLeaveMaintenance, useMaintenanceCall, useMaintenanceIdle, useReloadOnRequest } from './use-maintenance';
import './maintenance.css';

type Confirming = 'rollback' | 'restart' | null;

/** One labelled fact of the dashboard. */
function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="maint-fact" {...(testId ? { 'data-testid': testId } : {})}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="maint-section" aria-labelledby={`maint-${id}`} data-testid={`maint-${id}`}>
      <h2 id={`maint-${id}`} className="maint-heading">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The technician's dashboard (issue #7): devices with their last fault, paper since the last
 * refill, sync backlog, catalogue and config versions, storage, versions and uptime, with the
 * audited actions beside what they act on. It never polls: a poll would keep the maintenance
 * session alive forever; device and sync events update it live, and "refresh" asks again.
 */
export function MaintenanceHome({ token }: { token: string }) {
  useMaintenanceIdle(token);
  useReloadOnRequest();
  const { kiosk, lang, open } = useSession();
  const mt = useMaintenanceText();
  const call = useMaintenanceCall();
  const leave = useLeaveMaintenance(token);
  const [data, setData] = useState<MaintenanceDashboard | null>(null);
  const [error, setError] = useState<KioskErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);

  const load = useCallback(async () => {
    const result = await call('maintenance.dashboard', { token });
    if (result.ok) setData(result.value);
    else setError(result.error);
  }, [call, token]);

  useEffect(() => {
    void load();
  }, [load]);

  // Live without polling: device and sync events carry what changed.
  useEffect(() => {
    const offDevice = kiosk.on('device.status', (status) =>
      setData((d) =>
        d && {
          ...d,
          devices: d.devices.map((x) => (x.id === status.id ? { ...x, state: status.state, detail: status.detail ?? null, since: status.since } : x)),
          paper: d.paper.map((p) => (p.printer === status.id && status.paper ? { ...p, paper: status.paper } : p)),
        },
      ),
    );
    const offSync = kiosk.on('sync.status', (sync) => setData((d) => d && { ...d, sync }));
    return () => {
      offDevice();
      offSync();
    };
  }, [kiosk]);

  /** Runs an action, says what it did, and reads the dashboard again. */
  const act = async <T,>(
    run: () => Promise<{ ok: true; value: T } | { ok: false; error: KioskErrorBody }>,
    done: (value: T) => string,
    { reload = true }: { reload?: boolean } = {},
  ) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setConfirming(null);
    const result = await run();
    // The dashboard is read again before the notice shows, so "rolled back to version 1" never
    // sits next to a stale "current version 2".
    if (result.ok) {
      if (reload) await load();
      setNotice(done(result.value));
    } else setError(result.error);
    setBusy(false);
  };

  const deviceName = (id: string) => mt(`device.${id}` as MaintenanceKey);
  const time = (iso: string | null | undefined) => formatTime(lang, iso);
  const duration = (ms: number) => (ms < 60_000 ? mt('maint.underMinute') : mt('maint.duration', durationParts(ms)));

  const refill = (printer: PrinterId) =>
    void act(
      () => call('maintenance.paperRefilled', { token, printer }),
      () => mt('maint.refilledDone', { printer: deviceName(printer) }),
    );

  return (
    <ScreenFrame prompt={mt('maint.prompt')} testId="maintenance-home">
      <div className="maint-toolbar">
        <button type="button" className="button" data-testid="maint-refresh" disabled={busy} onClick={() => void load()}>
          {mt('maint.refresh')}
        </button>
        <button type="button" className="button" data-testid="maint-open-selftests" onClick={() => open({ name: 'maintenance-selftests', token })}>
          {mt('maint.selftests')}
        </button>
        <button type="button" className="button" data-testid="maint-open-log" onClick={() => open({ name: 'maintenance-log', token })}>
          {mt('maint.log')}
        </button>
        <button type="button" className="button" data-testid="maint-open-settings" onClick={() => open({ name: 'maintenance-settings', token })}>
          {mt('maint.settings')}
        </button>
        <button type="button" className="button primary" data-testid="maint-exit" onClick={() => leave('finished')}>
          {mt('maint.exit')}
        </button>
      </div>

      <div className="maint-status" role="status" aria-live="polite" data-testid="maint-notice">
        {busy ? mt('maint.working') : notice}
      </div>
      {error ? <ErrorMessage error={error} /> : null}

      {!data ? (
        <p>{mt('maint.loading')}</p>
      ) : (
        <>
          <p className="maint-kiosk" data-testid="maint-kiosk">
            {mt('maint.kiosk', { id: data.kioskId, location: data.location })} · {mt('maint.updatedAt', { time: time(data.generatedAt) })}
          </p>
          <div className="maint-grid">
            <Section title={mt('maint.devices')} id="devices">
              <dl className="maint-facts">
                {data.devices.map((d) => (
                  <Fact key={d.id} label={deviceName(d.id)} testId={`maint-device-${d.id}`}>
                    <DeviceState mt={mt} state={d.state} paper={data.paper.find((p) => p.printer === d.id)?.paper} />
                    {d.detail ? ` (${d.detail})` : ''}
                    <br />
                    {d.lastError
                      ? mt('maint.lastError', { state: faultText(mt, d.lastError.state), detail: d.lastError.detail ?? '—', time: time(d.lastError.at) })
                      : mt('maint.noError')}
                  </Fact>
                ))}
              </dl>
            </Section>

            <Section title={mt('maint.paper')} id="paper">
              {data.paper.map((p) => (
                <div key={p.printer} className="maint-paper" data-testid={`maint-paper-${p.printer}`} data-paper={p.paper}>
                  <dl className="maint-facts">
                    <Fact label={deviceName(p.printer)}>
                      <span className={`maint-state maint-paper-${p.paper}`}>{mt(`paper.${p.paper}` as MaintenanceKey)}</span>
                    </Fact>
                  </dl>
                  <p data-testid={`maint-printed-${p.printer}`}>
                    {mt(p.printer === 'page-printer' ? 'maint.sheetsSince' : 'maint.ticketsSince', { count: p.printedSinceRefill })}
                  </p>
                  <p>{p.lastRefillAt ? mt('maint.lastRefill', { time: time(p.lastRefillAt) }) : mt('maint.neverRefilled')}</p>
                  <button type="button" className="button" data-testid={`maint-refill-${p.printer}`} disabled={busy} onClick={() => refill(p.printer)}>
                    {mt('maint.refilled', { printer: deviceName(p.printer) })}
                  </button>
                </div>
              ))}
            </Section>

            <Section title={mt('maint.sync')} id="sync">
              <dl className="maint-facts">
                <Fact label={mt('maint.platform')} testId="maint-sync-online">
                  {data.sync.online ? mt('maint.online') : mt('maint.offline')}
                </Fact>
                <Fact label={mt('maint.pending')} testId="maint-sync-pending">
                  {data.sync.pending}
                </Fact>
                <Fact label={mt('maint.oldest')}>
                  {data.sync.oldestPendingAgeMs === null ? mt('maint.none') : duration(data.sync.oldestPendingAgeMs)}
                </Fact>
                <Fact label={mt('maint.lastSuccess')}>{time(data.sync.lastSuccessAt)}</Fact>
                <Fact label={mt('maint.deadLetters')} testId="maint-sync-dead">
                  {data.sync.deadLetters}
                </Fact>
              </dl>
              <div className="maint-actions">
                <button
                  type="button"
                  className="button"
                  data-testid="maint-sync-now"
                  disabled={busy}
                  onClick={() => void act(() => call('maintenance.syncNow', { token }), (s) => mt('maint.syncDone', { pending: s.pending }))}
                >
                  {mt('maint.syncNow')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="maint-retry-dead"
                  disabled={busy || data.sync.deadLetters === 0}
                  onClick={() => void act(() => call('maintenance.retryDeadLetters', { token }), (r) => mt('maint.retryDone', r))}
                >
                  {mt('maint.retry')}
                </button>
              </div>
            </Section>

            <Section title={mt('maint.catalogue')} id="catalogue">
              <dl className="maint-facts">
                <Fact label={mt('maint.catalogueActive')} testId="maint-catalogue-active">
                  {data.catalogue.active ?? mt('maint.none')}
                </Fact>
                <Fact label={mt('maint.cataloguePrevious')}>{data.catalogue.previous ?? mt('maint.none')}</Fact>
                <Fact label={mt('maint.configVersion')}>{data.config.installed ?? mt('maint.none')}</Fact>
              </dl>
              <h3 className="maint-subheading">{mt('maint.installHistory')}</h3>
              <ul className="maint-list">
                {data.catalogue.versions.map((v) => (
                  <li key={`${v.version}-${v.installedAt}`}>
                    {mt('maint.installed', { version: v.version, time: time(v.installedAt), source: v.source })}
                    {v.active ? mt('maint.activeMark') : ''}
                  </li>
                ))}
                {data.updates.map((u, i) => (
                  <li key={`u-${i}`}>{mt('maint.updateRow', { role: u.role, version: u.version ?? '—', outcome: u.outcome, time: time(u.at) })}</li>
                ))}
              </ul>
              {confirming === 'rollback' && data.catalogue.previous !== null ? (
                <div className="maint-confirm" role="group" aria-labelledby="maint-rollback-q">
                  <p id="maint-rollback-q">{mt('maint.rollbackConfirm', { version: data.catalogue.previous })}</p>
                  <div className="maint-actions">
                    <button
                      type="button"
                      className="button primary"
                      data-testid="maint-rollback-confirm"
                      onClick={() => void act(() => call('maintenance.catalogueRollback', { token }), (r) => mt('maint.rollbackDone', r))}
                    >
                      {mt('maint.confirm')}
                    </button>
                    <button type="button" className="button" onClick={() => setConfirming(null)}>
                      {mt('maint.cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <button type="button" className="button" data-testid="maint-rollback" disabled={busy || data.catalogue.previous === null} onClick={() => setConfirming('rollback')}>
                  {mt('maint.rollback')}
                </button>
              )}
            </Section>

            <Section title={mt('maint.system')} id="system">
              <dl className="maint-facts">
                <Fact label={mt('maint.diskFree')}>{mt('maint.diskOf', { free: formatBytes(data.storage.diskFreeBytes), total: formatBytes(data.storage.diskTotalBytes) })}</Fact>
                <Fact label={mt('maint.database')}>{formatBytes(data.storage.databaseBytes)}</Fact>
                <Fact label={mt('maint.wal')}>{formatBytes(data.storage.walBytes)}</Fact>
                <Fact label={mt('maint.appVersion')}>{data.versions.app}</Fact>
                <Fact label={mt('maint.electron')} testId="maint-electron">
                  {data.versions.electron ?? mt('maint.notElectron')}
                </Fact>
                <Fact label={mt('maint.chromium')}>{data.versions.chromium ?? navigatorChromium() ?? mt('maint.unknown')}</Fact>
                <Fact label={mt('maint.uptime')}>{duration(data.uptimeMs)}</Fact>
                <Fact label={mt('maint.lastStop')} testId="maint-last-stop">
                  {data.lastStop.kind === 'clean'
                    ? mt('stop.clean', { reason: reasonText(mt, data.lastStop.reason), time: time(data.lastStop.at) })
                    : mt(`stop.${data.lastStop.kind}`)}
                </Fact>
              </dl>
              {confirming === 'restart' ? (
                <div className="maint-confirm" role="group" aria-labelledby="maint-restart-q">
                  <p id="maint-restart-q">{mt('maint.restartConfirm')}</p>
                  <div className="maint-actions">
                    <button
                      type="button"
                      className="button primary"
                      data-testid="maint-restart-confirm"
                      onClick={() => void act(() => call('maintenance.restart', { token }), () => mt('maint.restarting'), { reload: false })}
                    >
                      {mt('maint.confirm')}
                    </button>
                    <button type="button" className="button" onClick={() => setConfirming(null)}>
                      {mt('maint.cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="maint-actions">
                  <button
                    type="button"
                    className="button"
                    data-testid="maint-reload"
                    disabled={busy}
                    onClick={() => void act(() => call('maintenance.reloadUi', { token }), () => mt('maint.working'), { reload: false })}
                  >
                    {mt('maint.reload')}
                  </button>
                  <button type="button" className="button" data-testid="maint-restart" disabled={busy} onClick={() => setConfirming('restart')}>
                    {mt('maint.restart')}
                  </button>
                </div>
              )}
            </Section>
          </div>
        </>
      )}
    </ScreenFrame>
  );
}

const STATE_KEYS = new Set(['online', 'offline', 'hardwareError', 'userError', 'busy', 'noDevice']);
const PAPER_KEYS = new Set(['full', 'low', 'out', 'jammed', 'unknown']);

/** A printer that answers but has no paper (or a jam) is not "working" for the technician. */
function DeviceState({ mt, state, paper }: { mt: ReturnType<typeof useMaintenanceText>; state: string; paper: string | undefined }) {
  const blocked = state === 'online' && (paper === 'out' || paper === 'jammed');
  const shown = blocked ? 'userError' : state;
  return (
    <span className={`maint-state maint-state-${shown}`}>
      {mt(`state.${shown}` as MaintenanceKey)}
      {blocked ? ` · ${mt(`paper.${paper}` as MaintenanceKey)}` : ''}
    </span>
  );
}

/** A recorded fault in words: a device state, or `paper-<level>` (main/maintenance/device-history.ts). */
function faultText(mt: ReturnType<typeof useMaintenanceText>, state: string): string {
  if (STATE_KEYS.has(state)) return mt(`state.${state}` as MaintenanceKey);
  const paper = state.startsWith('paper-') ? state.slice('paper-'.length) : '';
  if (PAPER_KEYS.has(paper)) return mt(`paper.${paper}` as MaintenanceKey);
  return state;
}

function reasonText(mt: ReturnType<typeof useMaintenanceText>, reason: string | null): string {
  if (reason === 'stop' || reason === 'technician-restart') return mt(`reason.${reason}`);
  return reason ?? mt('maint.unknown');
}

/** In the browser shell main cannot know the page's Chromium; the page can. */
function navigatorChromium(): string | null {
  const match = /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent);
  return match?.[1] ?? null;
}
