import type { AppInfo, Feature } from '../../../contract/channels';
import type { Screen } from '../../app/session-context';

/**
 * Progress, results, slips and queue-ticket screens as session stack entries (issue #6). An entry
 * holds no personal data beyond an application number; whatever the screens fetched lives in their
 * state and goes with the session remount on every wipe.
 */
export type ProgressScreen =
  | { name: 'progress'; digits?: string }
  | { name: 'progress-case'; number: string }
  | { name: 'progress-mine' }
  | { name: 'results' }
  | { name: 'slips' };

const NAMES: ReadonlySet<string> = new Set<ProgressScreen['name']>(['progress', 'progress-case', 'progress-mine', 'results', 'slips']);

export const isProgressScreen = (screen: Screen): screen is ProgressScreen => NAMES.has(screen.name);

/** The screen the 进度查询 / 结果查询 / 取号凭条 tiles open once built; null: not ours. */
export function progressScreenFor(feature: Feature, features: AppInfo['features']): Screen | null {
  if (feature === 'progress' && features.progress) return { name: 'progress' };
  if (feature === 'results' && features.results) return { name: 'results' };
  if (feature === 'slips' && features.slips) return { name: 'slips' };
  return null;
}
