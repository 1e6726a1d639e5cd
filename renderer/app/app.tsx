import { useCallback, useEffect, useState } from 'react';
import type { KioskApi } from '../../contract/api';
import type { AppInfo } from '../../contract/channels';
import { translator, DEFAULT_LANG } from '../i18n/i18n';
import { stopSpeaking } from '../voice/speak';
import { CrashBoundary } from './crash-boundary';
import { useKioskStatus } from './kiosk-status';
import { Session } from './session';
import type { WipeReason } from './session-context';

/** How long to wait before asking for app.info again when the kiosk service is not answering. */
export const STARTUP_RETRY_MS = 3_000;

function useAppInfo(kiosk: KioskApi): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await kiosk.invoke('app.info', {});
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else timer = setTimeout(() => void load(), STARTUP_RETRY_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kiosk]);
  return info;
}

/** Never a white screen: while the kiosk service is not there yet, say so and keep trying. */
function StartupScreen() {
  const t = translator(DEFAULT_LANG);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 10_000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="startup" data-testid="startup">
      <h1 className="prompt">{t('app.title')}</h1>
      <p className="spinner" aria-hidden="true" />
      <p role="status">{slow ? t('app.startFailed') : t('app.starting')}</p>
      {slow ? <p>{t('app.startFailedNext')}</p> : null}
    </main>
  );
}

export function App({ kiosk }: { kiosk: KioskApi }) {
  const info = useAppInfo(kiosk);
  const status = useKioskStatus(kiosk);
  // Bumping the generation remounts <Session>: every screen, input and setting goes at once.
  const [generation, setGeneration] = useState(0);

  const clearUi = useCallback(() => {
    stopSpeaking();
    setGeneration((g) => g + 1);
  }, []);

  const wipe = useCallback(
    (reason: WipeReason) => {
      // The screen is cleared first and whatever main answers: a resident's data must leave the
      // screen even if the service is unreachable. Main echoes session.wiped, which is harmless.
      clearUi();
      void kiosk.invoke('session.wipe', { reason });
    },
    [kiosk, clearUi],
  );

  // Main wipes too (a new card, a technician, its own idle rule): drop every screen that held it.
  useEffect(() => kiosk.on('session.wiped', clearUi), [kiosk, clearUi]);

  if (!info) return <StartupScreen />;
  return (
    <CrashBoundary kiosk={kiosk} onHome={clearUi} key={generation}>
      <Session kiosk={kiosk} info={info} status={status} onWipe={wipe} />
    </CrashBoundary>
  );
}
