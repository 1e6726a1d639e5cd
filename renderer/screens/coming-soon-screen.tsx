import type { Feature } from '../../contract/channels';
import { useSession } from '../app/session-context';
import { ScreenFrame } from '../components/screen-frame';
import { useSpoken } from '../components/use-spoken';

/** A service this kiosk cannot offer yet: say so kindly, say where else to go, offer the way home. */
export function ComingSoonScreen({ feature }: { feature: Feature }) {
  const { t, home } = useSession();
  const service = t(`tile.${feature}`);
  useSpoken(`${t('soon.body')} ${t('soon.next')}`);
  return (
    <ScreenFrame prompt={t('soon.prompt', { service })} testId="coming-soon">
      <div className="message notice">
        <span className="message-icon" aria-hidden="true">
          i
        </span>
        <div>
          <p>{t('soon.body')}</p>
          <p>{t('soon.next')}</p>
        </div>
      </div>
      <button type="button" className="button primary huge" onClick={home}>
        {t('nav.home')}
      </button>
    </ScreenFrame>
  );
}
