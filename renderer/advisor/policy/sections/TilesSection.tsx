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

/** A tile's name or description, one box a language the policy knows (a new language appears by itself). */
function TextsPerLanguage({ tile, field }: { tile: number; field: 'label' | 'description' }) {
  const { tr } = useText();
  const { locales } = usePolicyForm();
  const label = field === 'label' ? 'policyEditor.tiles.name' : 'policyEditor.tiles.description';
  return (
    <div className="policy-grid" id={fieldDomId(`tiles.${tile}.${field}`)} tabIndex={-1}>
      {locales.map((locale) => (
        <TextField key={locale} path={['tiles', tile, field, locale]} label={tr(label, { language: languageName(locale) })} parse={optionalText} />
      ))}
    </div>
  );
}

/** The service tiles: each one's id, address, and name and description in every language; their order; add and remove. */
export function TilesSection() {
  const { tr } = useText();
  const { draft, edit } = usePolicyForm();
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
                <TextsPerLanguage tile={i} field="label" />
                <TextsPerLanguage tile={i} field="description" />
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
