import { CaseScreen } from './case-screen';
import { MyCasesScreen } from './my-cases-screen';
import { ProgressEntryScreen } from './progress-entry-screen';
import type { ProgressScreen } from './progress-screens';
import { ResultsScreen } from './results-screen';
import { SlipsScreen } from './slips-screen';

/** The progress, results and slips screens for session.tsx's ScreenView. */
export function ProgressScreenView({ screen }: { screen: ProgressScreen }) {
  switch (screen.name) {
    case 'progress':
      return <ProgressEntryScreen {...(screen.digits !== undefined ? { digits: screen.digits } : {})} />;
    case 'progress-case':
      return <CaseScreen number={screen.number} />;
    case 'progress-mine':
      return <MyCasesScreen />;
    case 'results':
      return <ResultsScreen />;
    case 'slips':
      return <SlipsScreen />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}
