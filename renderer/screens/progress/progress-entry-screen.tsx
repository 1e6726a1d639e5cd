import { useState } from 'react';
import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';
import { BackButton } from '../guides/back-button';
import { applicationNumberOf, NumberPad } from './number-pad';
import { OfflinePanel } from './offline-panel';
import { useProgressText } from './progress-text';
import { useAvailability } from './use-availability';
import { useIdentified } from './use-identified';
import { Waiting } from './waiting';
import './progress.css';

const LENGTH = 14;

/**
 * 进度查询: the application number on a numeric keypad (HZ- is printed, the resident types the 14
 * digits), or the resident's card for all their applications. Offline, the offline panel instead.
 */
export function ProgressEntryScreen({ digits: initial = '' }: { digits?: string }) {
  const { open, replace, say } = useSession();
  const pt = useProgressText();
  const online = useAvailability();
  const identified = useIdentified();
  const [digits, setDigits] = useState(initial);
  const [short, setShort] = useState(false);

  if (online === null) return <Waiting slow={false} />;
  if (!online) return <OfflinePanel service="progress" />;

  const type = (next: string) => {
    setShort(false);
    setDigits(next);
  };
  const confirm = () => {
    if (digits.length < LENGTH) {
      setShort(true);
      say(pt('progress.incomplete', { count: LENGTH - digits.length }));
      return;
    }
    // Keep what was typed in this entry, so "back" from the case returns to it.
    replace({ name: 'progress', digits });
    open({ name: 'progress-case', number: applicationNumberOf(digits) });
  };
  const byCard = () =>
    identified.status === 'yes' ? open({ name: 'progress-mine' }) : open({ name: 'identify', purpose: 'progress', next: { name: 'progress-mine' } });

  return (
    <ScreenFrame prompt={pt('progress.prompt')} testId="progress">
      <div className="pg-toprow">
        <BackButton />
      </div>
      <p className="pg-hint">{pt('progress.hint')}</p>
      <div className="pg-entry">
        <div className="pg-entry-side">
          <p className="pg-number-label" id="pg-number-label">
            {pt('progress.number')}
          </p>
          <output className="pg-number" data-testid="progress-number" aria-labelledby="pg-number-label">
            {applicationNumberOf(digits)}
          </output>
          <p role="status" className="pg-count">
            {pt('progress.entered', { count: digits.length })}
          </p>
          {short ? (
            <p className="message notice" role="alert" data-testid="progress-incomplete">
              {pt('progress.incomplete', { count: LENGTH - digits.length })}
            </p>
          ) : null}
        </div>
        <NumberPad
          disabled={false}
          onDigit={(d) => {
            if (digits.length >= LENGTH) return;
            // Each key is spoken, so a resident who cannot read the display still knows what went in.
            say(d);
            type(digits + d);
          }}
          onDelete={() => {
            say(pt('progress.delete'));
            type(digits.slice(0, -1));
          }}
          onClear={() => {
            say(pt('progress.clear'));
            type('');
          }}
          onConfirm={confirm}
        />
      </div>
      <div className="pg-card">
        <p>{pt('progress.orCard')}</p>
        <button type="button" className="button huge" data-testid="progress-by-card" onClick={byCard}>
          {identified.status === 'yes' ? pt('progress.mineIdentified', { name: identified.maskedName }) : pt('progress.byCard')}
        </button>
      </div>
    </ScreenFrame>
  );
}
