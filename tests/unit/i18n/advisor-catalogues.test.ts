import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { advisorRoutes } from '../../../preload/hub-contract';
import { ADVISOR_ROUTES, HubRequestError } from '../../../renderer/advisor/api';
import { describeError } from '../../../renderer/advisor/errors';
import type { Tr } from '../../../renderer/advisor/i18n';
import { LANGUAGE_NAMES } from '../../../renderer/i18n/languages';
import { describeCatalogues, flatten, REAL_LOCALES, sourceFiles } from './catalogue-checks';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALE_DIR = join(ROOT, 'resources/locales/advisor');
const ADVISOR_DIR = join(ROOT, 'renderer/advisor');
const { load, en, enBases } = describeCatalogues('the advisor console\'s %s catalogue', LOCALE_DIR, (locale, cat) => {
  it('keeps the visible word of a button at the start of its longer accessible name (WCAG 2.5.3)', () => {
    const pairs = [
      ['bookings.move', 'bookings.moveNamed'],
      ['bookings.cancel', 'bookings.cancelNamed'],
      ['pairing.revoke', 'pairing.revokeNamed'],
    ] as const;
    for (const [visible, named] of pairs) expect(cat.get(named)!.toLowerCase().startsWith(cat.get(visible)!.toLowerCase()), `${locale} ${named}`).toBe(true);
  });
});

describe('the advisor console\'s languages', () => {
  it('are the four real locales, each with a catalogue file and a name in itself', () => {
    const files = readdirSync(LOCALE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...REAL_LOCALES].sort());
    expect(REAL_LOCALES.map((l) => LANGUAGE_NAMES[l])).toEqual(['Suomi', 'Svenska', 'English', 'Davvisámegiella']);
  });

  it('pick the plural form each language needs (Sámi has a dual)', () => {
    const i18n = i18next.createInstance();
    void i18n.init({
      lng: 'se',
      resources: Object.fromEntries(REAL_LOCALES.map((l) => [l, { translation: load(l) }])),
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    const waiting = (lng: string, count: number) => i18n.t('help.waiting', { lng, count, time: '14.00' });
    expect(waiting('se', 2)).toBe(flatten(load('se')).get('help.waiting_two')!.replace('{{count}}', '2').replace('{{time}}', '14.00'));
    expect(waiting('fi', 1)).toContain('1 minuutti ');
    expect(waiting('fi', 5)).toContain('5 minuuttia');
    expect(waiting('en', 1)).toContain('1 minute ago');
    expect(waiting('sv', 3)).toContain('3 minuter');
  });
});

describe('the advisor console\'s code', () => {
  // The sign-in screen is shared with the city dashboard (renderer/ui/), and reads the same keys from each page's catalogue.
  const files = [...sourceFiles(ADVISOR_DIR), ...sourceFiles(join(ROOT, 'renderer/ui'))];
  const sections = new Set([...en.keys()].map((k) => k.split('.')[0]!));

  it('uses only keys that the English catalogue has (every quoted "section.key" in renderer/advisor)', () => {
    const used = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'([a-z][a-zA-Z]*)\.([a-zA-Z.]+)'/g)) if (sections.has(m[1]!)) used.add(`${m[1]}.${m[2]}`);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !enBases.has(k))).toEqual([]);
  });

  it('uses every key of the English catalogue', () => {
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect([...enBases.keys()].filter((k) => !source.includes(`'${k}'`))).toEqual([]);
  });

  it('calls each advisor route with the method and path of the hub contract', () => {
    const fromContract = Object.fromEntries(Object.entries(advisorRoutes).map(([name, r]) => [name, { method: r.method, path: r.path }]));
    expect(ADVISOR_ROUTES).toEqual(fromContract);
  });
});

describe('the hub\'s refusals, as the advisor reads them', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'fi', resources: { fi: { translation: load('fi') } }, interpolation: { escapeValue: false }, initAsync: false });
  const tr: Tr = (key, values) => i18n.t(key, values ?? {});

  it('a PC that is not connected (409 pc-offline) is named plainly', () => {
    const error = new HubRequestError(409, { error: 'pc-offline', message: 'Tietokone 1 is not connected to the hub now; try again when it is online' });
    expect(describeError(error, tr, { pc: 'Tietokone 1' })).toBe(
      'Tietokone 1 ei ole nyt yhteydessä palvelimeen, joten pyyntö ei mennyt perille. Yritä uudelleen, kun tietokone on taas yhteydessä.',
    );
  });

  it('a pause asked for (429) says how long, from Retry-After', () => {
    expect(describeError(new HubRequestError(429, { error: 'rate-limited', message: 'Too many requests' }, 12), tr)).toBe('Liian monta pyyntöä. Odota 12 s ja yritä uudelleen.');
  });

  it('an overlap names the booking in the way when the console knows it, and passes the hub\'s words on when it does not', () => {
    const overlap = new HubRequestError(409, { error: 'overlap', message: 'Tietokone 1 is already booked 12:00–13:00', field: 'start' });
    expect(describeError(overlap, tr, { pc: 'Tietokone 1', booked: '12.00–13.00' })).toBe('Tietokone 1 on jo varattu 12.00–13.00. Valitse toinen aika tai tietokone.');
    expect(describeError(overlap, tr, { pc: 'Tietokone 1' })).toBe('Aika menee päällekkäin toisen varauksen kanssa: Tietokone 1 is already booked 12:00–13:00');
  });

  it('an unknown refusal keeps the hub\'s own message, and a network failure says the hub cannot be reached', () => {
    expect(describeError(new HubRequestError(418, { error: 'teapot', message: 'short and stout' }), tr)).toBe('Palvelin hylkäsi pyynnön: short and stout');
    expect(describeError(new HubRequestError(0, { error: 'network', message: '' }), tr)).toBe('Palvelimeen ei saada yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.');
  });
});
