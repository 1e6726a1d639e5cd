import { useState } from 'react';
import { useMaintenanceText } from './maintenance-text';

type Props = { value: string; onChange: (value: string) => void; maxLength: number; label: string };

const DIGITS = '1234567890'.split('');
const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'].map((row) => row.split(''));
/** What ports and printer addresses are made of: /dev/ttyUSB0, COM3, ipp://10.0.0.5:631/ipp/print, hid:1234:5678. */
const SYMBOLS = [':', '/', '.', '-', '_'];

/** The settings screen's keyboard: the resident keyboard has no symbols or capitals for ports and URIs. */
export function MaintenanceKeyboard({ value, onChange, maxLength, label }: Props) {
  const mt = useMaintenanceText();
  const [caps, setCaps] = useState(false);
  const type = (text: string) => {
    if (value.length + text.length <= maxLength) onChange(value + text);
  };
  const key = (k: string) => {
    const shown = caps ? k.toUpperCase() : k;
    return (
      <button key={k} type="button" className="button kb-key" data-testid={`mkey-${k}`} onClick={() => type(shown)}>
        {shown}
      </button>
    );
  };
  return (
    <div className="kb maint-kb" role="group" aria-label={`${mt('kb.label')}: ${label}`} data-testid="maint-keyboard">
      <div className="kb-row kb-row-10">{DIGITS.map(key)}</div>
      {LETTER_ROWS.map((row) => (
        <div key={row.join('')} className="kb-row kb-row-10">
          {row.map(key)}
        </div>
      ))}
      <div className="kb-row kb-row-actions">
        {SYMBOLS.map(key)}
        <button type="button" className="button kb-key kb-wide" aria-pressed={caps} data-testid="mkey-caps" onClick={() => setCaps((c) => !c)}>
          ⇧ {mt('kb.caps')}
        </button>
        <button type="button" className="button kb-key kb-wide" data-testid="mkey-delete" disabled={value === ''} onClick={() => onChange(value.slice(0, -1))}>
          ⌫ {mt('kb.delete')}
        </button>
        <button type="button" className="button kb-key kb-wide" data-testid="mkey-clear" disabled={value === ''} onClick={() => onChange('')}>
          ✕ {mt('kb.clear')}
        </button>
      </div>
    </div>
  );
}
