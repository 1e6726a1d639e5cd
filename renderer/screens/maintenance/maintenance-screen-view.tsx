import { MaintenanceHome } from './maintenance-home';
import { MaintenanceLogScreen } from './maintenance-log-screen';
import type { MaintenanceScreen } from './maintenance-screens';
import { MaintenanceSettingsScreen } from './maintenance-settings-screen';
import { SelfTestsScreen } from './self-tests-screen';
import { useMaintenanceIdle } from './use-maintenance';

/** The five-minute exit for a maintenance screen that does not run it itself. */
function MaintenanceIdleGuard({ token }: { token: string }) {
  useMaintenanceIdle(token);
  return null;
}

/** The maintenance screens for session.tsx's ScreenView. */
export function MaintenanceScreenView({ screen }: { screen: MaintenanceScreen }) {
  switch (screen.name) {
    case 'maintenance':
      return <MaintenanceHome token={screen.token} />;
    case 'maintenance-selftests':
      return (
        <>
          <MaintenanceIdleGuard token={screen.token} />
          <SelfTestsScreen token={screen.token} />
        </>
      );
    case 'maintenance-log':
      return <MaintenanceLogScreen token={screen.token} />;
    case 'maintenance-settings':
      return <MaintenanceSettingsScreen token={screen.token} />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}
