import type { ReactNode } from 'react';
import type { CatalogueForm, CatalogueItemDetail } from '../../../contract/catalogue';
import { useSession } from '../../app/session-context';
import { localName, useCatalogueText } from './catalogue-text';
import type { PrintTarget } from './print-overlay';

/** The seven standardized elements of a guide, in their standard order. */
export const GUIDE_SECTIONS = ['name', 'legalBasis', 'conditions', 'materials', 'forms', 'process', 'timeLimit'] as const;
export type GuideSection = (typeof GUIDE_SECTIONS)[number];

/** Normal mode: three short pages; elderly mode: one element per page (larger type, less at once). */
export function guidePages(elderly: boolean): GuideSection[][] {
  return elderly ? GUIDE_SECTIONS.map((s) => [s]) : [['name', 'legalBasis', 'conditions'], ['materials', 'forms'], ['process', 'timeLimit']];
}

type Props = { item: CatalogueItemDetail; section: GuideSection; onPrint: (target: PrintTarget) => void; printing: boolean };

/** One element as a block: a heading, then short lines. The guide's own text is Chinese. */
export function GuideSectionBlock({ item, section, onPrint, printing }: Props) {
  const ct = useCatalogueText();
  const { lang } = useSession();
  // The department publishes the text in Chinese; mark it so speech and axe read it as Chinese.
  const source = lang === 'en' ? 'zh-CN' : undefined;
  return (
    <section className="cat-block" data-testid={`guide-section-${section}`} aria-labelledby={`guide-h-${section}`}>
      <h2 id={`guide-h-${section}`} className="cat-block-title">
        {ct(`guide.section.${section}`)}
      </h2>
      <SectionBody item={item} section={section} onPrint={onPrint} printing={printing} source={source} />
    </section>
  );
}

function SectionBody({ item, section, onPrint, printing, source }: Props & { source: 'zh-CN' | undefined }) {
  const ct = useCatalogueText();
  const { lang } = useSession();
  const g = item.guide;
  switch (section) {
    case 'name': {
      const channels = [g.channels.kiosk ? ct('guide.channel.kiosk') : null, g.channels.online ? ct('guide.channel.online') : null, g.channels.wechat ? ct('guide.channel.wechat') : null, ct('guide.channel.counter')]
        .filter((c): c is string => c !== null)
        .join(lang === 'en' ? ', ' : '、');
      return (
        <div className="cat-lines">
          <p className="cat-item-name" lang="zh-CN">
            {item.title}
          </p>
          {lang === 'en' ? <p className="cat-item-name">{item.titleEn}</p> : null}
          <p>{ct('guide.department', { name: localName(lang, item.departmentName, item.departmentNameEn) })}</p>
          <p>{ct('guide.itemType', { type: localName(lang, g.itemType, g.itemTypeEn) })}</p>
          <p>
            {ct('guide.audience', { audience: ct(`audience.${item.audience}`) })} · {ct(`level.${item.level}`)}
          </p>
          <p>{ct('guide.channels', { channels })}</p>
          <p lang={source}>{ct('guide.venue', { venue: g.venue })}</p>
          <p lang={source}>{ct('guide.fee', { fee: g.fee })}</p>
        </div>
      );
    }
    case 'legalBasis':
      return <Lines lines={g.legalBasis} source={source} />;
    case 'conditions':
      return <Lines lines={g.conditions} source={source} />;
    case 'materials':
      return (
        <ol className="cat-steps" lang={source}>
          {g.materials.map((m, i) => (
            <li key={i}>
              <span className="cat-strong">{m.name}</span>
              <span className={`cat-tag ${m.required ? 'cat-tag-required' : ''}`} lang={lang}>
                {m.required ? `● ${ct('guide.required')}` : `○ ${ct('guide.optional')}`}
              </span>
              <span className="cat-sub">
                {ct('guide.materialCopies', { form: m.form, copies: m.copies })}
                {m.note ? `（${m.note}）` : ''}
              </span>
            </li>
          ))}
        </ol>
      );
    case 'forms':
      return item.forms.length === 0 ? <p>{ct('guide.noForms')}</p> : <FormList forms={item.forms} onPrint={onPrint} printing={printing} />;
    case 'process':
      return (
        <ol className="cat-steps">
          {g.process.map((p, i) => (
            <li key={i}>
              <span className="cat-strong" lang={source}>
                {ct('guide.step', { n: i + 1, name: p.name })}
              </span>
              <span className="cat-sub" lang={source}>
                {p.detail}
              </span>
            </li>
          ))}
        </ol>
      );
    case 'timeLimit':
      return (
        <div className="cat-lines">
          {g.timeLimit.legalDays !== null ? <p>{ct('guide.legalDays', { days: g.timeLimit.legalDays })}</p> : null}
          <p className="cat-strong">{g.timeLimit.promisedDays > 0 ? ct('guide.promisedDays', { days: g.timeLimit.promisedDays }) : ct('guide.immediate')}</p>
          <p lang={source}>{g.timeLimit.text}</p>
        </div>
      );
    default: {
      const never: never = section;
      return never;
    }
  }
}

function Lines({ lines, source }: { lines: string[]; source: 'zh-CN' | undefined }) {
  return (
    <ul className="cat-bullets" lang={source}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** Each form with its two print buttons; shared with the forms screen. */
export function FormList({ forms, onPrint, printing }: { forms: readonly CatalogueForm[]; onPrint: (target: PrintTarget) => void; printing: boolean }) {
  return (
    <ul className="cat-forms" data-testid="form-list">
      {forms.map((form) => (
        <li key={form.id}>
          <FormCard form={form} onPrint={onPrint} printing={printing} />
        </li>
      ))}
    </ul>
  );
}

export function FormCard({ form, onPrint, printing, title, extra }: { form: CatalogueForm; onPrint: (target: PrintTarget) => void; printing: boolean; title?: ReactNode; extra?: string }) {
  const ct = useCatalogueText();
  const { lang } = useSession();
  const name = localName(lang, form.title, form.titleEn);
  return (
    <div className="cat-form" data-testid={`form-${form.id}`}>
      <p className="cat-strong">{title ?? name}</p>
      {lang === 'en' ? <p className="cat-sub" lang="zh-CN">{form.title}</p> : null}
      {extra ? <p className="cat-sub">{extra}</p> : null}
      <div className="cat-actions">
        <button type="button" className="button" data-testid={`print-blank-${form.id}`} disabled={printing} aria-label={`${ct('guide.printBlank')} ${name}`} onClick={() => onPrint({ kind: 'form', formId: form.id, variant: 'blank' })}>
          {ct('guide.printBlank')}
        </button>
        <button type="button" className="button" data-testid={`print-sample-${form.id}`} disabled={printing} aria-label={`${ct('guide.printSample')} ${name}`} onClick={() => onPrint({ kind: 'form', formId: form.id, variant: 'sample' })}>
          {ct('guide.printSample')}
        </button>
      </div>
    </div>
  );
}
