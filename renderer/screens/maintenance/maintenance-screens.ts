import type { Screen } from '../../app/session-context';

/**
 * Maintenance-mode screens (issue #7). Each carries the token maintenance.unlock returned; every
 * maintenance.* call sends it, and main ends the session after five minutes without one.
 */
export type MaintenanceScreen =
  | { name: 'maintenance'; token: string }
  | { name: 'maintenance-selftests'; token: string }
  | { name: 'maintenance-log'; token: string }
  | { name: 'maintenance-settings'; token: string };

const NAMES: ReadonlySet<string> = new Set<MaintenanceScreen['name']>(['maintenance', 'maintenance-selftests', 'maintenance-log', 'maintenance-settings']);

export const isMaintenanceScreen = (screen: Screen): screen is MaintenanceScreen => NAMES.has(screen.name);
