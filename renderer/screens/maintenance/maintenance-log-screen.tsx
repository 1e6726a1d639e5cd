import { useEffect, useRef, useState } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';
import type { LogLine } from '../../../contract/maintenance';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { formatTime, useMaintenanceText } from './maintenance-text';
import { useMaintenanceCall, useMaintenanceIdle } from './use-maintenance';
import './maintenance.css';

const LINES = 100;

/** The last lines of the kiosk log, masked by the logger and again by main before they come here. */
export function MaintenanceLogScreen({ token }: { token: string }) {
  useMaintenanceIdle(token);
  const { lang, back } = useSession();
  const mt = useMaintenanceText();
  const call = useMaintenanceCall();
  const [lines, setLines] = useState<LogLine[] | null>(null);
  const [error, setError] = useState<KioskErrorBody | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    void call('maintenance.log', { token, lines: LINES }).then((result) => {
      if (result.ok) setLines(result.value.lines);
      else setError(result.error);
    });
  }, [call, token]);

  // Newest at the bottom, and that is what a technician looks for first.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines]);

  return (
    <ScreenFrame prompt={mt('log.prompt')} testId="maintenance-log">
      <div className="maint-toolbar">
        <button type="button" className="button" data-testid="maint-back" onClick={back}>
          {mt('maint.back')}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {lines === null ? (
        error ? null : <p>{mt('maint.loading')}</p>
      ) : lines.length === 0 ? (
        <p>{mt('log.empty')}</p>
      ) : (
        <>
          <p>{mt('log.count', { count: lines.length })}</p>
          {/* Focusable so that the log can be scrolled without touch as well (axe: scrollable-region-focusable). */}
          <ol ref={list} className="maint-log" tabIndex={0} aria-label={mt('log.prompt')} data-testid="maint-log-lines">
            {lines.map((line, i) => (
              <li key={i} className={`maint-log-line maint-log-${line.level}`}>
                <span className="maint-log-meta">
                  {line.at ? formatTime(lang, line.at) : ''} {line.level.toUpperCase()} {line.module ?? ''}
                </span>{' '}
                {line.message}
              </li>
            ))}
          </ol>
        </>
      )}
    </ScreenFrame>
  );
}
