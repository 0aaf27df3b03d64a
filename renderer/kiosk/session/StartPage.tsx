import { useTranslation } from 'react-i18next';
import type { KioskSnapshot, Locale } from '../../../preload/contract';
import { useKioskContext } from '../state';

type Tile = KioskSnapshot['tiles'][number];

export function tileText(texts: Tile['label'] | undefined, locale: Locale, fallback: Locale): string | undefined {
  if (!texts) return undefined;
  const base: Locale = locale === 'en-XA' || locale === 'ar-XB' ? 'en' : locale;
  return texts[base] ?? texts[fallback] ?? texts.fi ?? texts.en ?? Object.values(texts)[0];
}

/** The start page inside a session: the site's service tiles. */
export function StartPage() {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  return (
    <div className="start-page">
      <h1>{t('session.servicesHeading')}</h1>
      <p>{t('session.servicesIntro')}</p>
      <ul className="tiles">
        {snapshot.tiles.map((tile) => (
          <li key={tile.id}>
            <button
              type="button"
              className="tile"
              onClick={() => void run(() => client.call('kiosk.openTile', { tileId: tile.id }))}
              aria-describedby={`tile-${tile.id}-desc`}
            >
              <span className="tile__label">{tileText(tile.label, locale, snapshot.locales.default)}</span>
              <span id={`tile-${tile.id}-desc`} className="tile__description">
                {tileText(tile.description, locale, snapshot.locales.default)}
                <span className="tile__host" dir="ltr">
                  {tile.host}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
