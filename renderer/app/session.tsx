import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer } from 'react';
import type { KioskApi } from '../../contract/api';
import type { AppInfo } from '../../contract/channels';
import { CornerTarget } from '../gestures/corner-target';
import { IdleCountdown } from '../idle/idle-countdown';
import { useIdle } from '../idle/use-idle';
import { translator } from '../i18n/i18n';
import { ComingSoonScreen } from '../screens/coming-soon-screen';
import { HelpScreen } from '../screens/help-screen';
import { HomeScreen } from '../screens/home-screen';
import { CertificateScreenView } from '../screens/certificates/certificate-screen-view';
import { isCertificateScreen } from '../screens/certificates/certificate-screens';
import { MaintenancePinScreen } from '../screens/maintenance/maintenance-pin-screen';
import { MaintenanceScreenView } from '../screens/maintenance/maintenance-screen-view';
import { isMaintenanceScreen } from '../screens/maintenance/maintenance-screens';
import { ProgressScreenView } from '../screens/progress/progress-screen-view';
import { isProgressScreen } from '../screens/progress/progress-screens';
import { CatalogueScreenView } from '../screens/guides/catalogue-screen-view';
import { speak, type VoiceSettings } from '../voice/speak';
import { BottomBar, KioskHeader, StatusNotices } from './chrome';
import type { KioskStatus } from './kiosk-status';
import { SessionContext, type Screen, type SessionApi, type WipeReason } from './session-context';
import { freshSession, isPristine, sessionReducer } from './session-state';

// Fetched only when app.info says the simulator panel exists (demo profile).
const SimulatorPanel = lazy(() => import('../screens/simulator-panel').then((m) => ({ default: m.SimulatorPanel })));

type Props = {
  kiosk: KioskApi;
  info: AppInfo;
  status: KioskStatus;
  /** Ends the visit: the app tells main and remounts a fresh <Session>. */
  onWipe: (reason: WipeReason) => void;
};

function ScreenView({ screen }: { screen: Screen }) {
  if (isCertificateScreen(screen)) return <CertificateScreenView screen={screen} />;
  if (isProgressScreen(screen)) return <ProgressScreenView screen={screen} />;
  if (isMaintenanceScreen(screen)) return <MaintenanceScreenView screen={screen} />;
  switch (screen.name) {
    case 'home':
      return <HomeScreen />;
    case 'soon':
      return <ComingSoonScreen feature={screen.feature} />;
    case 'help':
      return <HelpScreen />;
    case 'pin':
      return <MaintenancePinScreen />;
    case 'simulator':
      return (
        <Suspense fallback={null}>
          <SimulatorPanel />
        </Suspense>
      );
    case 'guides':
    case 'guide-items':
    case 'guide':
    case 'guide-search':
    case 'guide-email':
    case 'forms':
      return <CatalogueScreenView screen={screen} />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}

/** One visitor's time at the kiosk. Remounted (fresh state everywhere below) on every wipe. */
export function Session({ kiosk, info, status, onWipe }: Props) {
  const [state, dispatch] = useReducer(sessionReducer, info.voice.volume, freshSession);
  const t = useMemo(() => translator(state.lang), [state.lang]);
  const voice = useMemo<VoiceSettings>(() => ({ slow: state.elderly, muted: state.muted, volume: state.volume }), [state.elderly, state.muted, state.volume]);
  const say = useCallback((text: string, mode: 'interrupt' | 'queue' = 'interrupt') => void speak(text, state.lang, voice, mode), [state.lang, voice]);
  const top = state.stack[state.stack.length - 1] ?? state.stack[0];

  const api = useMemo<SessionApi>(
    () => ({
      kiosk,
      info,
      lang: state.lang,
      t,
      elderly: state.elderly,
      voice,
      say,
      open: (screen) => dispatch({ type: 'open', screen }),
      replace: (screen) => dispatch({ type: 'replace', screen }),
      back: () => dispatch({ type: 'back' }),
      // Home ends an identified visit: main forgets the resident too (session.wipe 'home').
      home: () => (state.cardSeen ? onWipe('home') : dispatch({ type: 'home' })),
      wipe: onWipe,
    }),
    [kiosk, info, state.lang, t, state.elderly, state.cardSeen, voice, say, onWipe],
  );

  const openSimulator = useCallback(() => {
    // The gate: without app.info's permission (production) the panel is never opened or loaded.
    if (info.simulatorPanel && top.name !== 'simulator') dispatch({ type: 'open', screen: { name: 'simulator' } });
  }, [info.simulatorPanel, top.name]);

  useEffect(() => {
    if (!info.simulatorPanel) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        openSimulator();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [info.simulatorPanel, openSimulator]);

  useEffect(() => kiosk.on('card.inserted', () => dispatch({ type: 'cardSeen' })), [kiosk]);
  // A technician card in the reader is the other way in: straight to the PIN pad (still required).
  const inMaintenance = top.name === 'pin' || isMaintenanceScreen(top);
  useEffect(
    () =>
      kiosk.on('maintenance.technicianCard', (card) => {
        if (card && !inMaintenance) dispatch({ type: 'open', screen: { name: 'pin' } });
      }),
    [kiosk, inMaintenance],
  );

  const { secondsLeft, stillHere } = useIdle({
    // Maintenance screens keep their own five-minute exit (KIOSK-UX: technicians work slowly).
    armed: !isPristine(state, info.voice.volume) && !isMaintenanceScreen(top),
    timeoutMs: (state.elderly ? info.idle.elderlyTimeoutSeconds : info.idle.timeoutSeconds) * 1_000,
    countdownSeconds: info.idle.countdownSeconds,
    onExpire: () => onWipe('idle'),
  });

  useEffect(() => {
    document.documentElement.lang = state.lang;
  }, [state.lang]);

  return (
    <SessionContext.Provider value={api}>
      <div className={`kiosk${state.elderly ? ' elderly' : ''}`} data-testid="kiosk" data-lang={state.lang} data-elderly={state.elderly}>
        {/* Under the countdown nothing can be reached, by touch or by assistive technology. */}
        <div className="kiosk-frame" inert={secondsLeft !== null}>
          <KioskHeader />
          <StatusNotices status={status} />
          <main className="kiosk-main">
            <ScreenView key={state.stack.length} screen={top} />
          </main>
          <BottomBar
            atHome={top.name === 'home'}
            onToggleLang={() => dispatch({ type: 'toggleLang' })}
            onToggleElderly={() => dispatch({ type: 'toggleElderly' })}
            onToggleMute={() => dispatch({ type: 'toggleMute' })}
            onCycleVolume={() => dispatch({ type: 'cycleVolume' })}
          />
        </div>
        <CornerTarget corner="top-left" onGesture={() => !inMaintenance && dispatch({ type: 'open', screen: { name: 'pin' } })} />
        {info.simulatorPanel ? <CornerTarget corner="top-right" onGesture={openSimulator} /> : null}
        {secondsLeft !== null ? <IdleCountdown secondsLeft={secondsLeft} onStillHere={stillHere} /> : null}
      </div>
    </SessionContext.Provider>
  );
}
