import type { AppInfo, Feature } from '../../../contract/channels';
import type { Screen } from '../../app/session-context';

/** The screen a home tile opens once its feature is built (app.info says so); null: not ours. */
export function catalogueScreenFor(feature: Feature, features: AppInfo['features']): Screen | null {
  if (feature === 'guides' && features.guides) return { name: 'guides' };
  if (feature === 'forms' && features.forms) return { name: 'forms' };
  return null;
}
