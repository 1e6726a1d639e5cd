import type { Lang } from '../../i18n/i18n';
import { useCatalogueText } from './catalogue-text';

/**
 * What has been typed on the on-screen keyboard. Not an <input>: nothing here may summon a system
 * keyboard, and the text is never selectable or editable any other way.
 */
export function QueryDisplay({ label, value, testId = 'query' }: { label: string; value: string; testId?: string }) {
  const ct = useCatalogueText();
  return (
    <div className="cat-query">
      <span className="cat-query-label" id={`${testId}-label`}>
        {label}
      </span>
      <output className="cat-query-value" data-testid={testId} aria-labelledby={`${testId}-label`} aria-live="polite">
        {value === '' ? <span className="cat-placeholder">{ct('search.placeholder')}</span> : value}
        <span className="cat-caret" aria-hidden="true" />
      </output>
    </div>
  );
}

/** Chinese words as buttons: there is no input method for hanzi on the kiosk. */
export function QuickWords({ label, words, lang, onPick }: { label: string; words: readonly { zh: string; en: string }[]; lang: Lang; onPick: (word: string) => void }) {
  return (
    <div className="cat-quick" role="group" aria-label={label}>
      <span className="cat-quick-label">{label}</span>
      {words.map((w) => (
        <button key={w.zh} type="button" className="button cat-quick-word" data-testid={`quick-${w.zh}`} onClick={() => onPick(w.zh)}>
          <span lang="zh-CN">{w.zh}</span>
          {lang === 'en' ? <span className="cat-quick-gloss">{w.en}</span> : null}
        </button>
      ))}
    </div>
  );
}
