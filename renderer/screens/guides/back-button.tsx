import { useSession } from '../../app/session-context';

/** "返回上一步": one step back, at the same place on every catalogue screen. */
export function BackButton() {
  const { t, back } = useSession();
  return (
    <button type="button" className="button cat-back" data-testid="nav-back" onClick={back}>
      ◀ {t('nav.back')}
    </button>
  );
}
