import { MaintenanceHome } from './maintenance-home';
import type { MaintenanceScreen } from './maintenance-screens';

/** The maintenance screens for session.tsx's ScreenView. */
export function MaintenanceScreenView({ screen }: { screen: MaintenanceScreen }) {
  switch (screen.name) {
    case 'maintenance':
      return <MaintenanceHome token={screen.token} />;
    case 'maintenance-selftests':
      return <MaintenanceHome token={screen.token} />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}
