import { useSession } from '../../app/session-context';

type Props = {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** Defaults to the kiosk's 上一页 / 下一页 / 第 n 页. */
  labels?: { previous: string; next: string; status: string };
  testId?: string;
};

/** Two large buttons and where you are: long content is paged, never scrolled by swiping. */
export function Pager({ page, pages, onPage, labels, testId = 'pager' }: Props) {
  const { t } = useSession();
  if (pages <= 1) return null;
  const text = labels ?? { previous: t('page.previous'), next: t('page.next'), status: t('page.status', { page: page + 1, pages }) };
  return (
    <div className="paged-controls cat-pager" data-testid={testId}>
      <button type="button" className="button" data-testid={`${testId}-previous`} disabled={page === 0} onClick={() => onPage(page - 1)}>
        ◀ {text.previous}
      </button>
      <span aria-live="polite" data-testid={`${testId}-status`}>
        {text.status}
      </span>
      <button type="button" className="button" data-testid={`${testId}-next`} disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {text.next} ▶
      </button>
    </div>
  );
}

/** The slice of `items` on `page` (clamped) and the page count. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(current * size, current * size + size), page: current, pages };
}
