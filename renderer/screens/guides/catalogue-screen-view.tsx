import { FormsScreen } from '../forms/forms-screen';
import type { CatalogueScreen } from './catalogue-screens';
import { EmailScreen } from './email-screen';
import { GuideScreen } from './guide-screen';
import { GuidesScreen } from './guides-screen';
import { ItemListScreen } from './item-list-screen';
import { SearchScreen } from './search-screen';

/** The catalogue's screens for session.tsx's ScreenView. */
export function CatalogueScreenView({ screen }: { screen: CatalogueScreen }) {
  switch (screen.name) {
    case 'guides':
      return <GuidesScreen {...(screen.section ? { section: screen.section } : {})} {...(screen.page !== undefined ? { page: screen.page } : {})} />;
    case 'guide-items':
      return <ItemListScreen filter={screen.filter} title={screen.title} {...(screen.page !== undefined ? { page: screen.page } : {})} />;
    case 'guide':
      return <GuideScreen itemId={screen.itemId} {...(screen.part !== undefined ? { part: screen.part } : {})} />;
    case 'guide-search':
      return <SearchScreen {...(screen.query !== undefined ? { query: screen.query } : {})} {...(screen.page !== undefined ? { page: screen.page } : {})} />;
    case 'guide-email':
      return <EmailScreen itemId={screen.itemId} />;
    case 'forms':
      return <FormsScreen {...(screen.query !== undefined ? { query: screen.query } : {})} {...(screen.page !== undefined ? { page: screen.page } : {})} />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}
