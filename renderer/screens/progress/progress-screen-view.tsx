import { ComingSoonScreen } from '../coming-soon-screen';
import type { ProgressScreen } from './progress-screens';

/** The progress, results and slips screens for session.tsx's ScreenView. */
export function ProgressScreenView({ screen }: { screen: ProgressScreen }) {
  return <ComingSoonScreen feature={screen.name} />;
}
