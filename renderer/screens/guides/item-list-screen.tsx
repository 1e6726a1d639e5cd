import { useState, type ReactNode } from 'react';
import type { CatalogueItemSummary } from '../../../contract/catalogue';
import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';
import { BackButton } from './back-button';
import type { ItemFilter } from './catalogue-screens';
import { localName, useCatalogueText, type CatalogueTranslate } from './catalogue-text';
import { CallStatus } from './loading';
import { Pager, pageOf } from './pager';
import { useKioskCall } from './use-kiosk-call';
import { useLandscape } from './use-landscape';
import './catalogue.css';

type Props = { filter: ItemFilter; title: { zh: string; en: string }; page?: number };

/** The items of a department, a life event or an audience, most used first, paged. */
export function ItemListScreen({ filter, title, page: initialPage = 0 }: Props) {
  const { lang, elderly, open, replace } = useSession();
  const ct = useCatalogueText();
  const items = useKioskCall('catalogue.items', filter, JSON.stringify(filter));
  const [page, setPage] = useState(initialPage);
  const heading = localName(lang, title.zh, title.en);
  const landscape = useLandscape();

  const openItem = (item: CatalogueItemSummary) => {
    replace({ name: 'guide-items', filter, title, page });
    open({ name: 'guide', itemId: item.id });
  };

  return (
    <ScreenFrame prompt={ct('items.prompt', { title: heading })} testId="guide-items">
      <BackButton />
      {items.status === 'ok' ? (
        items.value.length === 0 ? (
          <p className="message notice">{ct('items.empty')}</p>
        ) : (
          <ItemPage items={items.value} page={page} size={elderly ? (landscape ? 2 : 4) : landscape ? 8 : 7} onPage={setPage} onOpen={openItem} />
        )
      ) : (
        <CallStatus state={items} />
      )}
    </ScreenFrame>
  );
}

function ItemPage({ items, page, size, onPage, onOpen }: { items: CatalogueItemSummary[]; page: number; size: number; onPage: (p: number) => void; onOpen: (item: CatalogueItemSummary) => void }) {
  const ct = useCatalogueText();
  const { lang } = useSession();
  const shown = pageOf(items, page, size);
  return (
    <>
      <p data-testid="items-count">{ct('items.count', { count: items.length })}</p>
      <ul className="cat-list cat-list-wide" data-testid="item-list">
        {shown.items.map((item) => (
          <li key={item.id}>
            <ItemButton item={item} lang={lang} ct={ct} onOpen={() => onOpen(item)}>
              {localName(lang, item.title, item.titleEn)}
            </ItemButton>
          </li>
        ))}
      </ul>
      <Pager page={shown.page} pages={shown.pages} onPage={onPage} />
    </>
  );
}

/** One item as a large button: its name, then department and level in smaller words. */
export function ItemButton({ item, lang, ct, onOpen, children, extra }: { item: CatalogueItemSummary; lang: 'zh-CN' | 'en'; ct: CatalogueTranslate; onOpen: () => void; children: ReactNode; extra?: ReactNode }) {
  return (
    <button type="button" className="button cat-item" data-testid={`item-${item.id}`} onClick={onOpen}>
      <span className="cat-item-title">{children}</span>
      {extra}
      <span className="cat-item-meta">
        {localName(lang, item.departmentName, item.departmentNameEn)} · {ct(`level.${item.level}`)} · {ct(`audience.${item.audience}`)}
      </span>
    </button>
  );
}
