import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';
import { useProgressText } from './progress-text';
import { useSpokenAfter } from './use-spoken-after';

/**
 * Offline is a normal state (KIOSK-UX.md): say plainly that this service needs the platform, and
 * offer what still works without it as large buttons.
 */
export function OfflinePanel({ service }: { service: 'progress' | 'results' }) {
  const { open, info } = useSession();
  const pt = useProgressText();
  const name = pt(`service.${service}`);
  useSpokenAfter(`${pt('offline.body', { service: name })} ${pt('offline.next')}`);
  return (
    <ScreenFrame prompt={pt('offline.prompt', { service: name })} testId="progress-offline">
      <div className="message notice" role="status">
        <span className="message-icon" aria-hidden="true">
          i
        </span>
        <div>
          <p>{pt('offline.body', { service: name })}</p>
          <p>{pt('offline.next')}</p>
        </div>
      </div>
      <div className="pg-actions">
        <button type="button" className="button primary huge" data-testid="offline-guides" onClick={() => open({ name: 'guides' })}>
          {pt('offline.guides')}
        </button>
        <button type="button" className="button primary huge" data-testid="offline-forms" onClick={() => open({ name: 'forms' })}>
          {pt('offline.forms')}
        </button>
        {info.features.slips ? (
          <button type="button" className="button huge" data-testid="offline-slips" onClick={() => open({ name: 'slips' })}>
            {pt('offline.slips')}
          </button>
        ) : null}
      </div>
    </ScreenFrame>
  );
}
