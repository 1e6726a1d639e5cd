import { useEffect, useState } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';
import type { TechnicianSettings } from '../../../contract/maintenance';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import type { MaintenanceKey } from '../../i18n/maintenance-zh-CN';
import { MaintenanceKeyboard } from './maintenance-keyboard';
import { useMaintenanceText } from './maintenance-text';
import { useMaintenanceCall, useMaintenanceIdle } from './use-maintenance';
import './maintenance.css';

type DeviceField = keyof TechnicianSettings['devices'];
type IdleField = keyof TechnicianSettings['idle'];

const DEVICE_FIELDS: DeviceField[] = ['idReaderPort', 'ssReader', 'ticketPrinterPort', 'pagePrinter'];
const IDLE_FIELDS: { field: IdleField; step: number; min: number; max: number }[] = [
  { field: 'timeoutSeconds', step: 10, min: 30, max: 600 },
  { field: 'elderlyTimeoutSeconds', step: 10, min: 30, max: 1200 },
  { field: 'countdownSeconds', step: 5, min: 10, max: 120 },
];
const VOLUMES = ['low', 'medium', 'high'] as const;

/**
 * The settings a technician may change here: device ports and the printer address (typed on the
 * screen's own keyboard), idle timeouts (steppers) and the voice volume. Main validates, persists
 * and audits the change with before and after.
 */
export function MaintenanceSettingsScreen({ token }: { token: string }) {
  useMaintenanceIdle(token);
  const { back } = useSession();
  const mt = useMaintenanceText();
  const call = useMaintenanceCall();
  const [settings, setSettings] = useState<TechnicianSettings | null>(null);
  const [editing, setEditing] = useState<DeviceField>('pagePrinter');
  const [error, setError] = useState<KioskErrorBody | null>(null);
  const [invalidField, setInvalidField] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Device settings saved but not yet in use: offer the restart right here. */
  const [restartPending, setRestartPending] = useState(false);

  useEffect(() => {
    void call('maintenance.settings', { token }).then((result) => {
      if (result.ok) setSettings(result.value.settings);
      else setError(result.error);
    });
  }, [call, token]);

  const save = async () => {
    if (!settings) return;
    setBusy(true);
    setError(null);
    setInvalidField(null);
    setNotice(null);
    const result = await call('maintenance.saveSettings', { token, settings });
    setBusy(false);
    if (result.ok) {
      const { changed, restartNeeded } = result.value;
      if (restartNeeded.length > 0) setRestartPending(true);
      setNotice(
        [changed.length === 0 ? mt('settings.unchanged') : mt('settings.saved', { count: changed.length }), restartNeeded.length > 0 ? mt('settings.restartNeeded') : '']
          .filter(Boolean)
          .join(' '),
      );
    } else {
      setError(result.error);
      const field = result.error.detail?.field;
      if (typeof field === 'string') setInvalidField(field);
    }
  };

  const restart = async () => {
    setBusy(true);
    setError(null);
    const result = await call('maintenance.restart', { token });
    setBusy(false);
    if (result.ok) setNotice(mt('maint.restarting'));
    else setError(result.error);
  };

  /** main names the offending field as `devices.pagePrinter`, `idle.timeoutSeconds`, …; show its label. */
  const fieldLabel = (key: string) => {
    const name = key.split('.').at(-1) ?? key;
    return LABELLED.has(name) ? mt(`settings.${name}` as MaintenanceKey) : key;
  };

  return (
    <ScreenFrame prompt={mt('settings.prompt')} testId="maintenance-settings">
      <div className="maint-toolbar">
        <button type="button" className="button" data-testid="maint-back" onClick={back}>
          {mt('maint.back')}
        </button>
        <button type="button" className="button primary" data-testid="maint-settings-save" disabled={busy || !settings} onClick={() => void save()}>
          {mt('settings.save')}
        </button>
      </div>
      <div className="maint-status" role="status" aria-live="polite" data-testid="maint-notice">
        {busy ? mt('maint.working') : notice}
      </div>
      {restartPending ? (
        <button type="button" className="button primary" data-testid="maint-settings-restart" disabled={busy} onClick={() => void restart()}>
          {mt('maint.restart')}
        </button>
      ) : null}
      {error ? <ErrorMessage error={error} {...(invalidField ? { extra: mt('settings.invalid', { field: fieldLabel(invalidField) }) } : {})} /> : null}
      {!settings ? (
        error ? null : <p>{mt('maint.loading')}</p>
      ) : (
        <div className="maint-settings">
          <section className="maint-section" aria-labelledby="maint-set-idle">
            <h2 id="maint-set-idle" className="maint-heading">
              {mt('settings.idle')}
            </h2>
            {IDLE_FIELDS.map(({ field, step, min, max }) => {
              const label = mt(`settings.${field}`);
              const value = settings.idle[field];
              const set = (next: number) => setSettings({ ...settings, idle: { ...settings.idle, [field]: Math.min(max, Math.max(min, next)) } });
              return (
                <div key={field} className="maint-stepper" data-testid={`maint-idle-${field}`}>
                  <span className="maint-stepper-label">{label}</span>
                  <button type="button" className="button" aria-label={mt('settings.less', { field: label })} disabled={value <= min} onClick={() => set(value - step)}>
                    −
                  </button>
                  <output className="maint-stepper-value" data-testid={`maint-idle-${field}-value`}>
                    {mt('settings.seconds', { count: value })}
                  </output>
                  <button type="button" className="button" aria-label={mt('settings.more', { field: label })} data-testid={`maint-idle-${field}-more`} disabled={value >= max} onClick={() => set(value + step)}>
                    +
                  </button>
                </div>
              );
            })}
          </section>

          <section className="maint-section" aria-labelledby="maint-set-volume">
            <h2 id="maint-set-volume" className="maint-heading">
              {mt('settings.volume')}
            </h2>
            <div className="maint-actions" role="group" aria-labelledby="maint-set-volume">
              {VOLUMES.map((v) => (
                <button
                  key={v}
                  type="button"
                  className={`button${settings.voice.volume === v ? ' primary' : ''}`}
                  aria-pressed={settings.voice.volume === v}
                  data-testid={`maint-volume-${v}`}
                  onClick={() => setSettings({ ...settings, voice: { volume: v } })}
                >
                  {mt(`volume.${v}`)}
                </button>
              ))}
            </div>
          </section>

          <section className="maint-section maint-devices-edit" aria-labelledby="maint-set-devices">
            <h2 id="maint-set-devices" className="maint-heading">
              {mt('settings.devices')}
            </h2>
            <p>{mt('settings.tapToEdit')}</p>
            <div className="maint-fields">
              {DEVICE_FIELDS.map((field) => (
                <button
                  key={field}
                  type="button"
                  className={`button maint-field${editing === field ? ' primary' : ''}`}
                  aria-pressed={editing === field}
                  data-testid={`maint-field-${field}`}
                  onClick={() => setEditing(field)}
                >
                  <span className="maint-field-label">{mt(`settings.${field}`)}</span>
                  <span className="maint-field-value">{settings.devices[field] || '—'}</span>
                </button>
              ))}
            </div>
            <p aria-live="polite">{mt('settings.editing', { field: mt(`settings.${editing}`) })}</p>
            <MaintenanceKeyboard
              label={mt(`settings.${editing}`)}
              value={settings.devices[editing]}
              maxLength={editing === 'pagePrinter' ? 300 : 200}
              onChange={(value) => setSettings({ ...settings, devices: { ...settings.devices, [editing]: value } })}
            />
          </section>
        </div>
      )}
    </ScreenFrame>
  );
}

const LABELLED: ReadonlySet<string> = new Set([...DEVICE_FIELDS, ...IDLE_FIELDS.map((f) => f.field), 'volume']);
