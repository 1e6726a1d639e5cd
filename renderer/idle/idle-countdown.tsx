import { useEffect } from 'react';
import { useSession } from '../app/session-context';

type Props = { secondsLeft: number; onStillHere: () => void };

/**
 * Full-screen "Do you need more time?". The whole overlay answers a tap (anyone touching the
 * screen is here) and it reacts on `click`, the last event of a tap, so no part of that tap
 * reaches the screen underneath. The big button is the visible, named control.
 */
export function IdleCountdown({ secondsLeft, onStillHere }: Props) {
  const { t, say } = useSession();
  useEffect(() => {
    say(t('idle.speech'));
  }, [say, t]);
  return (
    <div className="idle-overlay" data-testid="idle-countdown" onClick={onStillHere}>
      <div className="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-prompt" aria-describedby="idle-body">
        <h1 id="idle-prompt" className="prompt">
          {t('idle.prompt')}
        </h1>
        <p className="idle-seconds" aria-hidden="true">
          {secondsLeft}
        </p>
        <p id="idle-body" className="idle-body">
          {t('idle.body', { seconds: secondsLeft })}
        </p>
        <button type="button" className="button primary huge" autoFocus onClick={onStillHere}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
