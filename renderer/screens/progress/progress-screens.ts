import type { AppInfo, Feature } from '../../../contract/channels';
import type { Screen } from '../../app/session-context';

/** Progress, results, slips and queue-ticket screens as session stack entries (issue #6). */
export type ProgressScreen = { name: 'progress' } | { name: 'results' } | { name: 'slips' };

const NAMES: ReadonlySet<string> = new Set<ProgressScreen['name']>(['progress', 'results', 'slips']);

export const isProgressScreen = (screen: Screen): screen is ProgressScreen => NAMES.has(screen.name);

/** The screen the 进度查询 / 结果查询 / 取号凭条 tiles open once built; null: not ours. */
export function progressScreenFor(_feature: Feature, _features: AppInfo['features']): Screen | null {
  return null;
}
