import { useState } from 'react';
import type { CatalogueDepartment, LifeEvent } from '../../../contract/catalogue';
import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';
import type { Lang } from '../../i18n/i18n';
import { localName, useCatalogueText } from './catalogue-text';
import type { GuidesSection, ItemFilter } from './catalogue-screens';
import { BackButton } from './back-button';
import { CallStatus } from './loading';
import { Pager, pageOf } from './pager';
import { useKioskCall } from './use-kiosk-call';
import { useLandscape } from './use-landscape';
import './catalogue.css';

const SECTIONS: readonly GuidesSection[] = ['departments', 'lifeEvents', 'audience'];
const SECTION_KEY = { departments: 'guides.byDepartment', lifeEvents: 'guides.byLifeEvent', audience: 'guides.byAudience' } as const;

type Entry = { key: string; name: string; desc?: string; filter: ItemFilter; title: { zh: string; en: string } };

function departmentEntry(d: CatalogueDepartment, lang: Lang, count: string): Entry {
  return { key: d.id, name: localName(lang, d.name, d.nameEn), desc: count, filter: { department: d.id }, title: { zh: d.name, en: d.nameEn } };
}

function lifeEventEntry(e: LifeEvent, lang: Lang): Entry {
  return { key: e.id, name: localName(lang, e.name, e.nameEn), filter: { lifeEvent: e.id }, title: { zh: e.name, en: e.nameEn } };
}

/**
 * 办事指南: a prominent search, then one way of looking at a time (department, life event,
 * individual / organisation), each a grid of large buttons paged with 上一页 / 下一页.
 */
export function GuidesScreen({ section: initialSection = 'departments', page: initialPage = 0 }: { section?: GuidesSection; page?: number }) {
  const { lang, elderly, open, replace } = useSession();
  const ct = useCatalogueText();
  const overview = useKioskCall('catalogue.overview', {}, 'overview');
  const [section, setSection] = useState<GuidesSection>(initialSection);
  const [page, setPage] = useState(initialPage);

  const go = (entry: Entry) => {
    replace({ name: 'guides', section, page });
    open({ name: 'guide-items', filter: entry.filter, title: entry.title });
  };

  let entries: Entry[] = [];
  if (overview.status === 'ok') {
    if (section === 'departments') entries = overview.value.departments.map((d) => departmentEntry(d, lang, ct('guides.departmentItems', { count: d.itemCount })));
    else if (section === 'lifeEvents') entries = overview.value.lifeEvents.map((e) => lifeEventEntry(e, lang));
    else
      entries = (['personal', 'legal'] as const).map((a) => ({
        key: a,
        name: ct(`audience.${a}`),
        desc: ct(`audience.${a}.desc`),
        filter: { audience: a },
        title: { zh: `${a === 'personal' ? '个人' : '法人'}办事`, en: a === 'personal' ? 'For individuals' : 'For organisations' },
      }));
  }
  const landscape = useLandscape();
  // As many as fit a portrait screen without scrolling; English names are longer and wrap.
  const en = lang === 'en';
  const size = section === 'lifeEvents' ? (elderly ? 6 : 15) : elderly ? (landscape || en ? 4 : 6) : landscape ? (en ? 6 : 9) : en ? 12 : 16;
  const shown = pageOf(entries, page, size);

  return (
    <ScreenFrame prompt={ct('guides.prompt')} testId="guides">
      <BackButton />
      <button type="button" className="button primary huge cat-search-button" data-testid="guides-search" onClick={() => { replace({ name: 'guides', section, page }); open({ name: 'guide-search' }); }}>
        
        {ct('guides.search')}
        <span className="cat-button-desc">{ct('guides.searchHint')}</span>
      </button>
      <div className="cat-sections" role="group" aria-label={ct('guides.by')}>
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            className="button toggle"
            aria-pressed={s === section}
            data-testid={`guides-section-${s}`}
            onClick={() => {
              setSection(s);
              setPage(0);
            }}
          >
            {s === section ? '✓ ' : ''}
            {ct(SECTION_KEY[s])}
          </button>
        ))}
      </div>
      {overview.status === 'ok' ? (
        <>
          <ul className={`cat-grid cat-grid-${section}`} data-testid="guides-entries">
            {shown.items.map((entry) => (
              <li key={entry.key}>
                <button type="button" className="button cat-entry" data-testid={`entry-${entry.key}`} onClick={() => go(entry)}>
                  <span className="cat-entry-name">{entry.name}</span>
                  {entry.desc ? <span className="cat-entry-desc">{entry.desc}</span> : null}
                </button>
              </li>
            ))}
          </ul>
          <Pager page={shown.page} pages={shown.pages} onPage={setPage} />
        </>
      ) : (
        <CallStatus state={overview} />
      )}
    </ScreenFrame>
  );
}
