import type { Locale } from '../../../../preload/contract';
import { LANGUAGE_NAMES } from '../../../i18n/languages';
import { useText } from '../../i18n';
import { getAt, move, type Json } from '../draft';
import { PolicySectionFrame, TextField, usePolicyForm } from '../fields';
import { fieldDomId } from '../problems';

interface TileDraft {
  id?: string;
  url?: string;
  label?: Record<string, string>;
}

const optionalText = (text: string): Json => (text === '' ? undefined : text);
const languageName = (locale: string) => LANGUAGE_NAMES[locale as Locale] ?? locale;

/** The service tiles: each one's id, address, and name and description in every language; their order; add and remove. */
export function TilesSection() {
  const { tr } = useText();
  const { draft, edit, locales } = usePolicyForm();
  const tiles = (getAt(draft, ['tiles']) as TileDraft[] | undefined) ?? [];
  const setTiles = (next: TileDraft[]) => edit(['tiles'], next);
  const add = () => {
    let n = tiles.length + 1;
    while (tiles.some((t) => t.id === `tile-${n}`)) n++;
    setTiles([...tiles, { id: `tile-${n}`, url: 'https://', label: {} }]);
  };

  return (
    <PolicySectionFrame id="policy-tiles" heading={tr('policyEditor.tiles.heading')} path={['tiles']}>
      <p className="field__hint">{tr('policyEditor.tiles.intro')}</p>
      <ol className="policy-tiles">
        {tiles.map((tile, i) => {
          const name = tile.label?.fi ?? tile.label?.en ?? Object.values(tile.label ?? {})[0] ?? tile.id ?? '';
          return (
            <li key={i}>
              <fieldset id={fieldDomId(`tiles.${i}`)} tabIndex={-1} className="policy-tile">
                <legend>{tr('policyEditor.tiles.legend', { number: i + 1, name })}</legend>
                <div className="policy-grid">
                  <TextField path={['tiles', i, 'url']} label={tr('policyEditor.tiles.url')} type="url" inputMode="url" width="long" />
                  <TextField path={['tiles', i, 'id']} label={tr('policyEditor.tiles.id')} hint={tr('policyEditor.tiles.idHint')} />
                </div>
                <div className="policy-grid" id={fieldDomId(`tiles.${i}.label`)} tabIndex={-1}>
                  {locales.map((locale) => (
                    <TextField
                      key={`label-${locale}`}
                      path={['tiles', i, 'label', locale]}
                      label={tr('policyEditor.tiles.name', { language: languageName(locale) })}
                      parse={optionalText}
                    />
                  ))}
                </div>
                <div className="policy-grid" id={fieldDomId(`tiles.${i}.description`)} tabIndex={-1}>
                  {locales.map((locale) => (
                    <TextField
                      key={`description-${locale}`}
                      path={['tiles', i, 'description', locale]}
                      label={tr('policyEditor.tiles.description', { language: languageName(locale) })}
                      parse={optionalText}
                    />
                  ))}
                </div>
                <div className="policy-tile__actions">
                  <button type="button" className="button" aria-disabled={i === 0 || undefined} onClick={() => i > 0 && setTiles(move(tiles, i, -1))}>
                    {tr('policyEditor.tiles.up')}
                    <span className="sr-only">: {name}</span>
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-disabled={i === tiles.length - 1 || undefined}
                    onClick={() => i < tiles.length - 1 && setTiles(move(tiles, i, 1))}
                  >
                    {tr('policyEditor.tiles.down')}
                    <span className="sr-only">: {name}</span>
                  </button>
                  <button type="button" className="button button--danger" onClick={() => setTiles(tiles.filter((_, j) => j !== i))}>
                    {tr('policyEditor.tiles.remove')}
                    <span className="sr-only">: {name}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={add}>
        {tr('policyEditor.tiles.add')}
      </button>
    </PolicySectionFrame>
  );
}
