import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, RESIDENT_LOCALES, EndReason } from '../../../preload/contract';
import { LANGUAGE_NAMES } from '../../../renderer/i18n/languages';
import { accentLong, mirror, pseudoCatalogue } from '../../../renderer/i18n/pseudo';
import { describeCatalogues, flatten, placeholders, sourceFiles } from './catalogue-checks';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALE_DIR = join(ROOT, 'resources/locales');

const { load, en, enBases } = describeCatalogues('the %s catalogue', LOCALE_DIR);

describe('the locales', () => {
  it('are the same list in the contract, the picker and the catalogue folder', () => {
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LOCALES].sort());
    const files = readdirSync(LOCALE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...RESIDENT_LOCALES].sort());
    expect(LOCALES.filter((l) => !l.includes('-X'))).toEqual(expect.arrayContaining([...RESIDENT_LOCALES]));
  });

  it('name each language in itself', () => {
    expect(LANGUAGE_NAMES).toMatchObject({
      fi: 'Suomi',
      sv: 'Svenska',
      en: 'English',
      se: 'Davvisámegiella',
      uk: 'Українська',
      ru: 'Русский',
      ar: 'العربية',
      so: 'Soomaali',
      'fi-x-selko': 'Selkosuomi',
    });
  });

  it('include two generated test locales with every key: long accented strings and right-to-left', () => {
    const long = flatten(pseudoCatalogue(load('en'), accentLong));
    const rtl = flatten(pseudoCatalogue(load('en'), mirror));
    expect([...long.keys()]).toEqual([...en.keys()]);
    expect([...rtl.keys()]).toEqual([...en.keys()]);
    for (const [key, text] of en) {
      expect(long.get(key)!.length).toBeGreaterThan(text.length);
      expect(placeholders(long.get(key)!)).toEqual(placeholders(text));
      expect(rtl.get(key)).toBe(`\u202e${text}\u202c`);
    }
  });

  it('have a text for every way a session can end (keys built at run time)', () => {
    for (const reason of EndReason.options) expect(en.has(`ending.${reason}`), reason).toBe(true);
  });

  it('list truthfully which translations await a native speaker (REVIEW.md names each language)', () => {
    const review = readFileSync(join(LOCALE_DIR, 'REVIEW.md'), 'utf8');
    for (const locale of RESIDENT_LOCALES.filter((l) => l !== 'en')) expect(review).toContain(`\`${locale}\``);
    expect(review.toLowerCase()).toContain('review');
  });

  it('every t("…") key used in the kiosk renderer exists in English', () => {
    // The advisor console and the city dashboard have their own catalogues (resources/locales/advisor/ and city/, tested beside this file).
    const files = sourceFiles(join(ROOT, 'renderer'), [join(ROOT, 'renderer/advisor'), join(ROOT, 'renderer/city')]);
    const used = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.-]+)'/g)) used.add(m[1]!);
      for (const m of readFileSync(file, 'utf8').matchAll(/key: '([a-zA-Z]+\.[a-zA-Z.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((k) => !enBases.has(k));
    expect(missing).toEqual([]);
  });
});
