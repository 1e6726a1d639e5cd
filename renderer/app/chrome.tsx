import type { KioskStatus } from './kiosk-status';
import { isUnavailable } from './kiosk-status';
import { useSession } from './session-context';
import { Clock } from '../components/clock';
import { Notice } from '../components/notice';
import type { MessageKey } from '../i18n/i18n';

/** Title, location and clock. Its two top corners stay empty for the hidden gesture targets. */
export function KioskHeader() {
  const { t, info, lang } = useSession();
  return (
    <header className="kiosk-header">
      <div className="brand">
        <span className="brand-name">{t('app.title')}</span>
        <span className="brand-location">{t('app.location', { location: info.location })}</span>
      </div>
      <Clock lang={lang} />
    </header>
  );
}

export function StatusNotices({ status }: { status: KioskStatus }) {
  const { t } = useSession();
  const idDown = isUnavailable(status.devices['id-card']);
  const ssDown = isUnavailable(status.devices['ss-card']);
  const reader: MessageKey | null = idDown && ssDown ? 'device.bothReaders' : idDown ? 'device.idReader' : ssDown ? 'device.ssReader' : null;
  return (
    <div className="notices">
      {status.online === false ? <Notice text={t('offline.banner')} testId="offline-banner" /> : null}
      {reader ? <Notice text={t(reader)} testId="device-notice" /> : null}
    </div>
  );
}

/** Low on the screen, where a seated or short person reaches. State is in words, not colour only. */
export function BottomBar({ atHome, onToggleLang, onToggleElderly, onToggleMute, onCycleVolume }: {
  atHome: boolean;
  onToggleLang: () => void;
  onToggleElderly: () => void;
  onToggleMute: () => void;
  onCycleVolume: () => void;
}) {
  const { t, home, open, elderly, voice } = useSession();
  return (
    <nav className="bottom-bar" aria-label={t('app.title')}>
      {atHome ? null : (
        <button type="button" className="button primary" data-testid="nav-home" onClick={home}>
          {t('nav.home')}
        </button>
      )}
      <button type="button" className="button" data-testid="nav-language" aria-label={t('nav.languageLabel')} lang={t('nav.language') === 'English' ? 'en' : 'zh-CN'} onClick={onToggleLang}>
        {t('nav.language')}
      </button>
      <button type="button" className="button toggle" data-testid="nav-elderly" aria-pressed={elderly} onClick={onToggleElderly}>
        {t('nav.elderly')}
        <span className="toggle-state">{elderly ? `✓ ${t('nav.elderlyOn')}` : t('nav.elderlyOff')}</span>
      </button>
      {elderly ? (
        <>
          <button type="button" className="button toggle" data-testid="nav-sound" aria-pressed={!voice.muted} onClick={onToggleMute}>
            {t('nav.sound')}
            <span className="toggle-state">{voice.muted ? t('nav.soundOff') : `✓ ${t('nav.soundOn')}`}</span>
          </button>
          <button type="button" className="button" data-testid="nav-volume" onClick={onCycleVolume}>
            {t('nav.volume', { level: t(`volume.${voice.volume}`) })}
          </button>
        </>
      ) : null}
      <button type="button" className="button" data-testid="nav-help" onClick={() => open({ name: 'help' })}>
        {t('nav.help')}
      </button>
    </nav>
  );
}
