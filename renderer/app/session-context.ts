import { createContext, useContext } from 'react';
import type { KioskApi } from '../../contract/api';
import type { AppInfo, Feature } from '../../contract/channels';
import type { Lang, Translate } from '../i18n/i18n';
import type { VoiceSettings } from '../voice/speak';
import type { CatalogueScreen } from '../screens/guides/catalogue-screens';
import type { CertificateScreen } from '../screens/certificates/certificate-screens';
import type { MaintenanceScreen } from '../screens/maintenance/maintenance-screens';
import type { ProgressScreen } from '../screens/progress/progress-screens';

/** The screens of this version. Later issues add theirs here and in session.tsx. */
export type Screen =
  | { name: 'home' }
  | { name: 'soon'; feature: Feature }
  | { name: 'help' }
  | { name: 'pin' }
  | MaintenanceScreen
  | CertificateScreen
  | ProgressScreen
  | { name: 'simulator' }
  | CatalogueScreen;

export type WipeReason = 'idle' | 'finished' | 'home';

export type SessionApi = {
  kiosk: KioskApi;
  info: AppInfo;
  lang: Lang;
  t: Translate;
  elderly: boolean;
  voice: VoiceSettings;
  /** Speaks in the current language with the current voice settings; never throws. */
  say: (text: string, mode?: 'interrupt' | 'queue') => void;
  open: (screen: Screen) => void;
  /**
   * Replaces the top screen (PIN → maintenance, so "back" never returns to a used PIN pad; or a
   * screen saving its own page/query into its entry). Home stays the root: on home alone, the
   * screen is opened above it instead.
   */
  replace: (screen: Screen) => void;
  back: () => void;
  home: () => void;
  /** Ends the visit for everyone: main forgets the session, the UI forgets everything. */
  wipe: (reason: WipeReason) => void;
};

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <Session>');
  return session;
}
