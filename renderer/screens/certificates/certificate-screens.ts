import type { AppInfo, Feature } from '../../../contract/channels';
import type { Screen } from '../../app/session-context';

/**
 * Identification and certificate screens as session stack entries (issue #6).
 * `identify` asks for a card and, once the resident is identified, replaces itself with `next`:
 * the progress and results screens open it too.
 */
export type CertificateScreen =
  | { name: 'identify'; purpose: 'certificates' | 'progress' | 'results'; next: Screen }
  | { name: 'certificates' };

const NAMES: ReadonlySet<string> = new Set<CertificateScreen['name']>(['identify', 'certificates']);

export const isCertificateScreen = (screen: Screen): screen is CertificateScreen => NAMES.has(screen.name);

/** The screen the 证明打印 tile opens once the feature is built; null: not ours. */
export function certificateScreenFor(feature: Feature, features: AppInfo['features']): Screen | null {
  if (feature === 'certificates' && features.certificates) return { name: 'identify', purpose: 'certificates', next: { name: 'certificates' } };
  return null;
}
