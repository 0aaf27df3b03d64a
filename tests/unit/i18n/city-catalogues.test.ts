import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../renderer/api/request';
import { describeError } from '../../../renderer/city/errors';
import { CITY_LOCALES, type Tr } from '../../../renderer/city/i18n';
import { describeCatalogues, sourceFiles } from './catalogue-checks';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALE_DIR = join(ROOT, 'resources/locales/city');
/** The dashboard's own code, and the shared components it uses (the sign-in screen reads its keys from each page's catalogue). */
const CODE = [...sourceFiles(join(ROOT, 'renderer/city')), ...sourceFiles(join(ROOT, 'renderer/ui'))];
/** The "csv" section holds the CSV export's headings: the receiver's (main/city/), not the page's. */
const RECEIVERS = 'csv';

const { load, en, enBases } = describeCatalogues(
  'the city dashboard\'s %s catalogue',
  LOCALE_DIR,
  (_locale, cat) => {
    it('shows a count under 5 as "<5" in the legend it gives for the table', () => {
      expect(cat.get('table.legend')).toContain('<5');
    });
  },
  CITY_LOCALES,
);

describe('the city dashboard\'s languages', () => {
  it('are Finnish (first), Swedish and English, each with a catalogue file', () => {
    const files = readdirSync(LOCALE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...CITY_LOCALES].sort());
    expect(CITY_LOCALES[0]).toBe('fi');
  });

  it('are listed in the translation review notes', () => {
    const review = readFileSync(join(ROOT, 'resources/locales/REVIEW.md'), 'utf8');
    expect(review).toContain('city/*.json');
  });
});

describe('the city dashboard\'s code', () => {
  const source = CODE.map((f) => readFileSync(f, 'utf8')).join('\n');
  const sections = new Set([...en.keys()].map((k) => k.split('.')[0]!).filter((s) => s !== RECEIVERS));

  it('uses only keys that the English catalogue has (every quoted "section.key" in renderer/city and renderer/ui)', () => {
    const used = new Set<string>();
    for (const m of source.matchAll(/'([a-z][a-zA-Z]*)\.([a-zA-Z.]+)'/g)) if (sections.has(m[1]!)) used.add(`${m[1]}.${m[2]}`);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !enBases.has(k))).toEqual([]);
  });

  it('uses every key of the English catalogue but the receiver\'s CSV headings', () => {
    const unused = [...enBases.keys()].filter((k) => !k.startsWith(`${RECEIVERS}.`) && !source.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });
});

describe('the receiver\'s refusals, as the coordinator reads them', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'fi', resources: { fi: { translation: load('fi') } }, interpolation: { escapeValue: false }, initAsync: false });
  const tr: Tr = (key, values) => i18n.t(key, values ?? {});

  it('a pause asked for (429) says how long, from Retry-After', () => {
    expect(describeError(new RequestError(429, { error: 'rate-limited', message: 'Too many requests' }, 12), tr)).toBe('Liian monta pyyntöä. Odota 12 s ja yritä uudelleen.');
  });

  it('a network failure says the service cannot be reached; an unknown refusal keeps the receiver\'s words', () => {
    expect(describeError(new RequestError(0, { error: 'network', message: '' }), tr)).toBe('Lukupalveluun ei saada yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.');
    expect(describeError(new RequestError(418, { error: 'teapot', message: 'short and stout' }), tr)).toBe('Palvelu hylkäsi pyynnön: short and stout');
  });

  it('an answer that is not a dashboard is told as unreadable figures, not as a crash', () => {
    expect(describeError(new RequestError(200, { error: 'bad-data', message: 'x' }), tr)).toContain('Saapuneita lukuja ei voitu lukea');
    expect(describeError(new Error('boom'), tr)).toBe('Jokin meni vikaan. Yritä uudelleen.');
  });
});
