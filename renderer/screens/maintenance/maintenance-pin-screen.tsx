import { useEffect, useState } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { PinPad } from '../../components/pin-pad';
import { ScreenFrame } from '../../components/screen-frame';
import { useMaintenanceAccessText } from './maintenance-access-text';
import './maintenance-access.css';

const MIN_DIGITS = 4;
const MAX_DIGITS = 12;

/** A number in error.detail under any of the names the maintenance service may use. */
function detailValue(error: KioskErrorBody, names: readonly string[]): string | number | null {
  for (const name of names) {
    const value = error.detail?.[name];
    if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value;
  }
  return null;
}

/**
 * Technician sign-in. The digits stay in this component only (gone on any wipe) and are never spoken.
 * A listed technician card in the reader (main claims it, so no resident session starts) is shown
 * masked; the PIN then signs in as card + PIN.
 */
export function MaintenancePinScreen() {
  const { kiosk, t, lang, replace } = useSession();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KioskErrorBody | null>(null);
  const [tooShort, setTooShort] = useState(false);
  const [card, setCard] = useState<{ maskedCard: string } | null>(null);
  const ma = useMaintenanceAccessText();

  useEffect(() => {
    let live = true;
    void kiosk.invoke('maintenance.technicianCard', {}).then((r) => {
      if (live && r.ok) setCard(r.value);
    });
    const off = kiosk.on('maintenance.technicianCard', (c) => setCard(c));
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);

  const confirm = async () => {
    if (pin.length < MIN_DIGITS) {
      setTooShort(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await kiosk.invoke('maintenance.unlock', { pin });
    setBusy(false);
    setPin('');
    if (result.ok) replace({ name: 'maintenance', token: result.value.token });
    else setError(result.error);
  };

  let extra: string | undefined;
  if (error?.code === 'PIN_WRONG') {
    const left = detailValue(error, ['attemptsLeft', 'remainingAttempts', 'remaining']);
    if (left !== null) extra = t('pin.attemptsLeft', { count: left });
  } else if (error?.code === 'PIN_LOCKED') {
    const until = detailValue(error, ['lockedUntil', 'until']);
    if (until !== null) {
      const date = new Date(until);
      const time = Number.isNaN(date.getTime()) ? String(until) : new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
      extra = t('pin.lockedUntil', { time });
    }
  }

  return (
    <ScreenFrame prompt={t('pin.prompt')} testId="maintenance-pin">
      <div className="pin-layout">
        <div className="pin-side">
          <p className="pin-dots" aria-hidden="true" data-testid="pin-dots">
            {pin.length === 0 ? '—' : '●'.repeat(pin.length)}
          </p>
          <p className="pin-count" aria-live="polite">
            {t('pin.entered', { count: pin.length })}
          </p>
          <p className="ma-card" role="status" data-testid="pin-card" data-card={card ? 'present' : 'none'}>
            {card ? ma('pin.card', { card: card.maskedCard }) : ma('pin.cardHint')}
          </p>
          {busy ? <p role="status">{t('pin.checking')}</p> : null}
          {tooShort ? <p role="status">{t('pin.tooShort')}</p> : null}
          {error ? <ErrorMessage error={error} {...(extra === undefined ? {} : { extra })} /> : null}
        </div>
        <PinPad
          disabled={busy}
          onDigit={(d) => {
            setTooShort(false);
            setError(null);
            setPin((p) => (p.length < MAX_DIGITS ? p + d : p));
          }}
          onDelete={() => setPin((p) => p.slice(0, -1))}
          onClear={() => setPin('')}
          onConfirm={() => void confirm()}
        />
      </div>
    </ScreenFrame>
  );
}
