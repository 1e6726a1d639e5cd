import { useProgressText } from './progress-text';

type Props = { disabled: boolean; onDigit: (digit: string) => void; onDelete: () => void; onClear: () => void; onConfirm: () => void };

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** The application-number keypad: large keys (≥ 60 px, 8 px apart), one finger, no system keyboard. */
export function NumberPad({ disabled, onDigit, onDelete, onClear, onConfirm }: Props) {
  const pt = useProgressText();
  const digit = (d: string) => (
    <button key={d} type="button" className="button pg-key" data-testid={`digit-${d}`} disabled={disabled} aria-label={pt('progress.digit', { digit: d })} onClick={() => onDigit(d)}>
      {d}
    </button>
  );
  return (
    <div className="pg-pad" data-testid="number-pad">
      {DIGITS.map(digit)}
      <button type="button" className="button pg-key pg-key-word" data-testid="digit-clear" disabled={disabled} onClick={onClear}>
        {pt('progress.clear')}
      </button>
      {digit('0')}
      <button type="button" className="button pg-key pg-key-word" data-testid="digit-delete" disabled={disabled} onClick={onDelete}>
        {pt('progress.delete')}
      </button>
      <button type="button" className="button primary pg-key pg-key-confirm" data-testid="progress-search" disabled={disabled} onClick={onConfirm}>
        {pt('progress.search')}
      </button>
    </div>
  );
}

/** HZ-20261102-000417 from the 14 digits typed so far; the rest shown as blanks. */
export function applicationNumberOf(digits: string): string {
  const padded = digits.padEnd(14, '_');
  return `HZ-${padded.slice(0, 8)}-${padded.slice(8, 14)}`;
}
