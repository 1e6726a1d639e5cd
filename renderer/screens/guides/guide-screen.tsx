import { useState } from 'react';
import type { CatalogueItemDetail } from '../../../contract/catalogue';
import { useSession } from '../../app/session-context';
import { ScreenFrame } from '../../components/screen-frame';
import { BackButton } from './back-button';
import { localName, useCatalogueText } from './catalogue-text';
import { GuideSectionBlock, guidePages, type GuideSection } from './guide-sections';
import { CallStatus } from './loading';
import { Pager } from './pager';
import { usePrinter } from './print-overlay';
import { useKioskCall } from './use-kiosk-call';
import './catalogue.css';

/** A service guide: the seven elements, a part at a time, with print and e-mail actions. */
export function GuideScreen({ itemId, part = 0 }: { itemId: string; part?: number }) {
  const detail = useKioskCall('catalogue.item', { id: itemId }, itemId);
  const { t } = useSession();
  if (detail.status === 'ok') return <GuideView item={detail.value} initialPart={part} />;
  return (
    <ScreenFrame prompt={t('app.title')} testId="guide">
      <BackButton />
      <CallStatus state={detail} />
    </ScreenFrame>
  );
}

function GuideView({ item, initialPart }: { item: CatalogueItemDetail; initialPart: number }) {
  const { lang, elderly, open, replace } = useSession();
  const ct = useCatalogueText();
  const printer = usePrinter();
  const pages = guidePages(elderly);
  // A part is remembered by its first section, so switching elderly mode keeps the place.
  const [first, setFirst] = useState<GuideSection>(pages[Math.min(initialPart, pages.length - 1)]?.[0] ?? 'name');
  const page = Math.max(0, pages.findIndex((p) => p.includes(first)));
  const sections = pages[page] ?? [];
  const goPage = (p: number) => setFirst(pages[p]?.[0] ?? 'name');
  const title = localName(lang, item.title, item.titleEn);

  return (
    <ScreenFrame prompt={ct('guide.prompt', { title })} testId="guide">
      <BackButton />
      <nav className="cat-section-nav" aria-label={ct('guide.sections')}>
        {pages.map((p, i) => (
          <button key={p.join()} type="button" className="button" aria-current={i === page ? 'step' : undefined} data-testid={`guide-part-${i}`} onClick={() => goPage(i)}>
            {i === page ? '▶ ' : ''}
            {p.map((s) => ct(`guide.section.${s}`)).join(' · ')}
          </button>
        ))}
      </nav>
      {lang === 'en' ? <p className="cat-sub">{ct('guide.sourceLanguage')}</p> : null}
      <div className="cat-blocks" data-testid="guide-sections">
        {sections.map((s) => (
          <GuideSectionBlock key={s} item={item} section={s} onPrint={printer.print} printing={printer.busy} />
        ))}
      </div>
      <Pager
        page={page}
        pages={pages.length}
        onPage={goPage}
        testId="guide-pager"
        labels={{ previous: ct('guide.previousPart'), next: ct('guide.nextPart'), status: ct('guide.partStatus', { page: page + 1, pages: pages.length }) }}
      />
      <div className="cat-actions cat-main-actions">
        <button type="button" className="button primary" data-testid="print-guide" disabled={printer.busy} onClick={() => printer.print({ kind: 'guide', itemId: item.id })}>
          {ct('guide.printGuide')}
        </button>
        {item.forms.length > 0 ? (
          <button
            type="button"
            className="button"
            data-testid="email-forms"
            onClick={() => {
              replace({ name: 'guide', itemId: item.id, part: page });
              open({ name: 'guide-email', itemId: item.id });
            }}
          >
            {ct('guide.email')}
          </button>
        ) : null}
      </div>
      {printer.overlay}
    </ScreenFrame>
  );
}
