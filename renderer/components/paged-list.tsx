import { useState, type ReactNode } from 'react';
import { useSession } from '../app/session-context';

type Props<T> = { items: readonly T[]; render: (item: T) => ReactNode; pageSize: number; elderlyPageSize: number };

/** Elderly mode shows fewer items per screen: long lists are paged with two big buttons, never scrolled by swiping. */
export function PagedList<T>({ items, render, pageSize, elderlyPageSize }: Props<T>) {
  const { t, elderly } = useSession();
  const size = elderly ? elderlyPageSize : pageSize;
  const pages = Math.max(1, Math.ceil(items.length / size));
  const [page, setPage] = useState(0);
  const current = Math.min(page, pages - 1);
  return (
    <div className="paged">
      <ul className="paged-items">{items.slice(current * size, current * size + size).map((item, i) => <li key={current * size + i}>{render(item)}</li>)}</ul>
      {pages > 1 ? (
        <div className="paged-controls">
          <button type="button" className="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('page.previous')}
          </button>
          <span aria-live="polite">{t('page.status', { page: current + 1, pages })}</span>
          <button type="button" className="button" disabled={current === pages - 1} onClick={() => setPage(current + 1)}>
            {t('page.next')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
