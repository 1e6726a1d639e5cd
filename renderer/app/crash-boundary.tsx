import { Component, type ReactNode } from 'react';
import type { KioskApi } from '../../contract/api';
import { DEFAULT_LANG, translator } from '../i18n/i18n';

type Props = { kiosk: KioskApi; onHome: () => void; children: ReactNode };

/**
 * A screen that throws must not leave a white screen (KIOSK-UX.md). Report it (message only,
 * which carries no personal data: screens never put any in exceptions) and offer the way home,
 * which starts a fresh session. A class because React error boundaries still need one.
 */
export class CrashBoundary extends Component<Props, { crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown render error';
    void this.props.kiosk.invoke('log.report', { level: 'error', message: message.slice(0, 2000), screen: 'renderer' });
  }

  override render(): ReactNode {
    if (!this.state.crashed) return this.props.children;
    // Bilingual: the language state died with the screen.
    const zh = translator(DEFAULT_LANG);
    const en = translator('en');
    return (
      <main className="startup" data-testid="crash">
        <h1 className="prompt">{zh('crash.prompt')}</h1>
        <p>{zh('crash.body')}</p>
        <p lang="en">{en('crash.prompt')}. {en('crash.body')}</p>
        <button type="button" className="button primary huge" onClick={this.props.onHome}>
          {zh('nav.home')} / <span lang="en">{en('nav.home')}</span>
        </button>
      </main>
    );
  }
}
