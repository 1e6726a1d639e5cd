import { useCallback, useState } from 'react';
import type { KioskApi } from '../../../contract/api';
import type { CatalogueForm } from '../../../contract/catalogue';
import type { Result } from '../../../contract/errors';
import { useSession } from '../../app/session-context';
import { ErrorMessage } from '../../components/error-message';
import { OnScreenKeyboard } from '../../components/keyboard/on-screen-keyboard';
import { ScreenFrame } from '../../components/screen-frame';
import { FORM_QUICK_WORDS } from '../../i18n/catalogue-zh-CN';
import { BackButton } from '../guides/back-button';
import { useCatalogueText } from '../guides/catalogue-text';
import { FormCard } from '../guides/guide-sections';
import { Loading } from '../guides/loading';
import { Pager, pageOf } from '../guides/pager';
import { usePrinter } from '../guides/print-overlay';
import { QueryDisplay, QuickWords } from '../guides/query-input';
import { MAX_QUERY } from '../guides/search-screen';
import { useDebouncedSearch } from '../guides/use-debounced-search';
import { useLandscape } from '../guides/use-landscape';
import '../guides/catalogue.css';

/**
 * 表格下载: every form of every item, each with "print blank" and "print sample". Searchable with
 * the on-screen keyboard: words in a form's title (quick words, or English), and pinyin or
 * initials through the items that use the form (hjzm → 户籍证明 → 户籍证明申请表).
 */
export function FormsScreen({ query: initialQuery = '', page: initialPage = 0 }: { query?: string; page?: number }) {
  const { kiosk, lang, elderly } = useSession();
  const ct = useCatalogueText();
  const printer = usePrinter();
  const [query, setQuery] = useState(initialQuery);
  const [page, setPage] = useState(initialPage);
  const [typing, setTyping] = useState(initialQuery !== '');
  const search = useCallback((q: string) => findForms(kiosk, q), [kiosk]);
  const state = useDebouncedSearch<CatalogueForm[]>(query, search, true);
  const change = (q: string) => {
    setQuery(q);
    setPage(0);
  };
  const landscape = useLandscape();
  // Fewer forms while the keyboard takes room; landscape shows two columns when it does not.
  const size = typing ? (elderly ? 1 : landscape ? 2 : 3) : elderly ? (landscape ? 2 : 3) : landscape ? 4 : lang === 'en' ? 5 : 6;

  return (
    <ScreenFrame prompt={ct('forms.prompt')} testId="forms">
      <div className="cat-forms-search cat-toprow">
        <BackButton />
        <QueryDisplay label={ct('forms.search')} value={query} testId="forms-query" />
        <button type="button" className="button toggle" aria-pressed={typing} data-testid="forms-keyboard" onClick={() => setTyping(!typing)}>
          {typing ? ct('forms.hideKeyboard') : ct('forms.search')}
        </button>
      </div>
      <div className="cat-typing">
        <div className="cat-typing-side">
          {typing ? <QuickWords label={ct('forms.quickWords')} words={elderly ? FORM_QUICK_WORDS.slice(0, landscape ? 2 : 4) : FORM_QUICK_WORDS} lang={lang} onPick={change} /> : null}
          <div className="cat-results" data-testid="forms-results" data-status={state.status}>
            {state.status === 'searching' ? <Loading slow={false} /> : null}
            {state.status === 'error' ? <ErrorMessage error={state.error} /> : null}
            {state.status === 'ok' && state.results.length === 0 ? <p role="status">{ct('forms.none', { query: state.query })}</p> : null}
            {state.status === 'ok' && state.results.length > 0
              ? (() => {
                  const shown = pageOf(state.results, page, size);
                  return (
                    <>
                      <p role="status" data-testid="forms-count">
                        {ct('forms.count', { count: state.results.length })}
                      </p>
                      <ul className={`cat-forms${typing ? '' : ' cat-forms-wide'}`}>
                        {shown.items.map((form) => (
                          <li key={form.id}>
                            <FormCard form={form} onPrint={printer.print} printing={printer.busy} extra={ct('forms.usedBy', { count: form.usedBy.length })} />
                          </li>
                        ))}
                      </ul>
                      <Pager page={shown.page} pages={shown.pages} onPage={setPage} />
                    </>
                  );
                })()
              : null}
          </div>
        </div>
        {typing ? <OnScreenKeyboard value={query} onChange={change} layout="search" maxLength={MAX_QUERY} /> : null}
      </div>
      {printer.overlay}
    </ScreenFrame>
  );
}

/** Forms whose title matches, then forms used by the items the catalogue search finds (pinyin, initials). */
export async function findForms(kiosk: KioskApi, query: string): Promise<Result<CatalogueForm[]>> {
  const direct = await kiosk.invoke('catalogue.forms', query === '' ? {} : { query });
  if (!direct.ok || query === '') return direct;
  const items = await kiosk.invoke('catalogue.search', { query, limit: 10 });
  if (!items.ok) return direct;
  const all = await kiosk.invoke('catalogue.forms', {});
  if (!all.ok) return direct;
  const ids = new Set(items.value.map((r) => r.item.id));
  const seen = new Set(direct.value.map((f) => f.id));
  const viaItems = all.value.filter((f) => !seen.has(f.id) && f.usedBy.some((id) => ids.has(id)));
  return { ok: true, value: [...direct.value, ...viaItems] };
}
