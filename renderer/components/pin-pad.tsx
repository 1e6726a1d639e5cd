import { useSession } from '../app/session-context';

type Props = {
  disabled: boolean;
  onDigit: (digit: string) => void;
  onDelete: () => void;
  onClear: () => void;
  onConfirm: () => void;
};

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A large on-screen numeric pad (no system keyboard on a kiosk). */
export function PinPad({ disabled, onDigit, onDelete, onClear, onConfirm }: Props) {
  const { t } = useSession();
  const digit = (d: string) => (
    <button key={d} type="button" className="button key" disabled={disabled} aria-label={t('pin.digit', { digit: d })} onClick={() => onDigit(d)}>
      {d}
    </button>
  );
  return (
    <div className="pin-pad" data-testid="pin-pad">
      {DIGITS.map(digit)}
      <button type="button" className="button key" disabled={disabled} onClick={onClear}>
        {t('pin.clear')}
      </button>
      {digit('0')}
      <button type="button" className="button key" disabled={disabled} onClick={onDelete}>
        {t('pin.delete')}
      </button>
      <button type="button" className="button primary key confirm" disabled={disabled} onClick={onConfirm}>
        {t('pin.confirm')}
      </button>
    </div>
  );
}
