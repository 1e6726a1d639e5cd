import { useCatalogueText } from '../../screens/guides/catalogue-text';

export type KeyboardLayout = 'search' | 'email';

type Props = {
  value: string;
  onChange: (value: string) => void;
  layout: KeyboardLayout;
  /** Longest value accepted; keys beyond it do nothing (the kiosk's search takes 40 characters). */
  maxLength: number;
  disabled?: boolean;
};

const DIGITS = '1234567890'.split('');
const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'].map((row) => row.split(''));
const EMAIL_SYMBOLS = ['@', '.', '_', '-'];

/**
 * The kiosk's own keyboard: a kiosk has no physical one, and a system keyboard may not appear,
 * may appear behind the window, or lack pinyin. Letters carry pinyin and initials (the kiosk's
 * search understands both); Chinese words come from the screens' quick-word buttons. Every key is
 * a large button; a tap types immediately (no long-press, no swipe).
 */
export function OnScreenKeyboard({ value, onChange, layout, maxLength, disabled = false }: Props) {
  const ct = useCatalogueText();
  const type = (text: string) => {
    if (value.length + text.length <= maxLength) onChange(value + text);
  };
  const key = (k: string) => (
    <button key={k} type="button" className="button kb-key" data-testid={`key-${k}`} disabled={disabled} onClick={() => type(k)}>
      {k}
    </button>
  );
  return (
    <div className={`kb kb-${layout}`} role="group" aria-label={ct('kb.label')} data-testid="keyboard">
      <div className="kb-row kb-row-10">{DIGITS.map(key)}</div>
      {LETTER_ROWS.map((row) => (
        <div key={row.join('')} className="kb-row kb-row-10">
          {row.map(key)}
        </div>
      ))}
      <div className="kb-row kb-row-actions">
        {layout === 'email' ? EMAIL_SYMBOLS.map(key) : null}
        {layout === 'search' ? (
          <button type="button" className="button kb-key kb-wide" data-testid="key-space" disabled={disabled || value === '' || value.endsWith(' ')} onClick={() => type(' ')}>
            {ct('kb.space')}
          </button>
        ) : null}
        <button type="button" className="button kb-key kb-wide" data-testid="key-delete" disabled={disabled || value === ''} onClick={() => onChange(value.slice(0, -1))}>
          ⌫ {ct('kb.delete')}
        </button>
        <button type="button" className="button kb-key kb-wide" data-testid="key-clear" disabled={disabled || value === ''} onClick={() => onChange('')}>
          ✕ {ct('kb.clear')}
        </button>
      </div>
    </div>
  );
}
