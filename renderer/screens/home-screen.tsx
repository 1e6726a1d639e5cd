import type { Feature } from '../../contract/channels';
import { useSession } from '../app/session-context';
import { ScreenFrame } from '../components/screen-frame';
import type { MessageKey } from '../i18n/i18n';
import { certificateScreenFor } from './certificates/certificate-screens';
import { catalogueScreenFor } from './guides/catalogue-routes';
import { progressScreenFor } from './progress/progress-screens';

/** The six services of KIOSK-UX.md, in its order. The glyphs are decoration; the words carry the meaning. */
export const TILES: readonly { feature: Feature; glyph: string }[] = [
  { feature: 'guides', glyph: '指' },
  { feature: 'certificates', glyph: '证' },
  { feature: 'progress', glyph: '查' },
  { feature: 'results', glyph: '果' },
  { feature: 'forms', glyph: '表' },
  { feature: 'slips', glyph: '号' },
];

export function HomeScreen() {
  const { t, open, info } = useSession();
  return (
    <ScreenFrame prompt={t('home.prompt')} testId="home">
      <div className="tiles">
        {TILES.map(({ feature, glyph }) => (
          <button
            key={feature}
            type="button"
            className="tile"
            data-testid={`tile-${feature}`}
            // A built feature (app.info features[f] === true) opens its own screen; the others their "not yet" page.
            onClick={() =>
              open(
                catalogueScreenFor(feature, info.features) ??
                  certificateScreenFor(feature, info.features) ??
                  progressScreenFor(feature, info.features) ?? { name: 'soon', feature },
              )
            }
          >
            <span className="tile-glyph" aria-hidden="true">
              {glyph}
            </span>
            <span className="tile-name">{t(`tile.${feature}` satisfies MessageKey)}</span>
            <span className="tile-desc">{t(`tile.${feature}.desc` satisfies MessageKey)}</span>
          </button>
        ))}
      </div>
    </ScreenFrame>
  );
}
