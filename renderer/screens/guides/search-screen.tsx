import { useCallback, useState } from 'react';
import type { CatalogueSearchResult } from '../../../contract/catalogue';
import { useSession } from '../../app/session-context';
import { OnScreenKeyboard } from '../../components/keyboard/on-screen-keyboard';
import { ErrorMessage } from '../../components/error-message';
import { ScreenFrame } from '../../components/screen-frame';
import { QUICK_WORDS } from '../../i18n/catalogue-zh-CN';
import { BackButton } from './back-button';
import { useCatalogueText } from './catalogue-text';
import { Highlighted } from './highlighted';
import { ItemButton } from './item-list-screen';
import { Loading } from './loading';
import { Pager, pageOf } from './pager';
import { QueryDisplay, QuickWords } from './query-input';
import { useDebouncedSearch } from './use-debounced-search';
import { useLandscape } from './use-landscape';
import './catalogue.css';

/** The kiosk's search takes at most 40 characters (contract). */
export const MAX_QUERY = 40;

/** Search by Chinese words (quick words), pinyin or initials, with results as the resident types. */
export function SearchScreen({ query: initialQuery = '', page: initialPage = 0 }: { query?: string; page?: number }) {
  const { kiosk, lang, elderly, open, replace } = useSession();
  const ct = useCatalogueText();
  const [query, setQuery] = useState(initialQuery);
  const [page, setPage] = useState(initialPage);
  const search = useCallback((q: string) => kiosk.invoke('catalogue.search', { query: q, limit: 60 }), [kiosk]);
  const state = useDebouncedSearch<CatalogueSearchResult[]>(query, search);
  const change = (q: string) => {
    setQuery(q);
    setPage(0);
  };
  const landscape = useLandscape();
  const size = elderly ? 1 : landscape ? 3 : 4;

  return (
    <ScreenFrame prompt={ct('search.prompt')} testId="guide-search">
      <div className="cat-toprow">
        <BackButton />
        <QueryDisplay label={ct('search.query')} value={query} />
      </div>
      {/* Elderly mode: fewer things at once, so the keyboard still fits without scrolling. */}
      <div className="cat-typing">
        <div className="cat-typing-side">
          {elderly ? null : <p className="cat-sub">{ct('search.hint')}</p>}
          <QuickWords label={ct('search.quickWords')} words={elderly ? QUICK_WORDS.slice(0, landscape ? 2 : 6) : QUICK_WORDS} lang={lang} onPick={change} />
          <div className="cat-results" data-testid="search-results" data-status={state.status}>
            {state.status === 'empty' ? <p>{ct('search.empty')}</p> : null}
            {state.status === 'searching' ? <Loading slow={false} /> : null}
            {state.status === 'error' ? <ErrorMessage error={state.error} /> : null}
            {state.status === 'ok' && state.results.length === 0 ? <p role="status">{ct('search.none', { query: state.query })}</p> : null}
            {state.status === 'ok' && state.results.length > 0 ? (
              <ResultPage
                results={state.results}
                page={page}
                size={size}
                onPage={setPage}
                onOpen={(id) => {
                  replace({ name: 'guide-search', query, page });
                  open({ name: 'guide', itemId: id });
                }}
              />
            ) : null}
          </div>
        </div>
        <OnScreenKeyboard value={query} onChange={change} layout="search" maxLength={MAX_QUERY} />
      </div>
    </ScreenFrame>
  );
}

function ResultPage({ results, page, size, onPage, onOpen }: { results: CatalogueSearchResult[]; page: number; size: number; onPage: (p: number) => void; onOpen: (id: string) => void }) {
  const ct = useCatalogueText();
  const { lang } = useSession();
  const shown = pageOf(results, page, size);
  return (
    <>
      <p role="status" data-testid="search-count">
        {ct('search.count', { count: results.length })}
      </p>
      <ul className="cat-list">
        {shown.items.map((r) => (
          <li key={r.item.id}>
            <ItemButton
              item={r.item}
              lang={lang}
              ct={ct}
              onOpen={() => onOpen(r.item.id)}
              extra={
                <>
                  {r.alias ? (
                    <span className="cat-item-meta">
                      {ct('search.alias')}
                      <Highlighted segments={r.alias.highlight} />
                    </span>
                  ) : null}
                  {lang === 'en' ? <span className="cat-item-meta">{r.item.titleEn}</span> : null}
                </>
              }
            >
              <span lang="zh-CN">
                <Highlighted segments={r.highlight} />
              </span>
            </ItemButton>
          </li>
        ))}
      </ul>
      <Pager page={shown.page} pages={shown.pages} onPage={onPage} />
    </>
  );
}
