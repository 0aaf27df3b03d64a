import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The checks every set of translation catalogues must pass, shared by the
 * kiosk's (resources/locales/) and the advisor console's
 * (resources/locales/advisor/). English is the source: every other language
 * has its keys, with the plural forms the language needs and the same
 * placeholders, and no empty text.
 */

/** The languages people use; the pseudo-locales are generated from English. */
export const REAL_LOCALES = ['fi', 'sv', 'en', 'se'] as const;

const PLURAL = /_(zero|one|two|few|many|other)$/;

export type Catalogue = { [key: string]: string | Catalogue };

/** A nested catalogue as a map from dotted key to text. */
export function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The {{names}} a text interpolates, sorted. */
export const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** A key without its plural suffix ('help.waiting_one' → 'help.waiting'). */
export const pluralBase = (key: string) => key.replace(PLURAL, '');

/** One folder of catalogues, read once: English flattened, and its keys without plural suffixes. */
export function readCatalogues(dir: string) {
  const load = (locale: string) => JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as Catalogue;
  const en = flatten(load('en'));
  const enBases = new Map<string, boolean>(); // base key → plural?
  for (const key of en.keys()) enBases.set(pluralBase(key), PLURAL.test(key) || enBases.get(pluralBase(key)) === true);
  return { load, en, enBases };
}

/**
 * Declares, for each real locale (or each of `locales`, for a page that
 * speaks fewer), the tests that its catalogue in `dir` matches the English
 * one. `more` adds a folder's own tests for a locale.
 */
export function describeCatalogues(
  title: string,
  dir: string,
  more?: (locale: (typeof REAL_LOCALES)[number], cat: Map<string, string>) => void,
  locales: readonly (typeof REAL_LOCALES)[number][] = REAL_LOCALES,
) {
  const { load, en, enBases } = readCatalogues(dir);

  describe.each(locales)(title, (locale) => {
    const cat = flatten(load(locale));
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

    it('has every key of the English catalogue, with the plural forms its language needs', () => {
      const missing: string[] = [];
      for (const [key, plural] of enBases) {
        const wanted = plural ? categories.map((c) => `${key}_${c}`) : [key];
        for (const w of wanted) if (!cat.has(w)) missing.push(w);
      }
      expect(missing).toEqual([]);
    });

    it('has no key that English does not have, and no plural form its language does not use', () => {
      const extra = [...cat.keys()].filter((k) => !enBases.has(pluralBase(k)));
      expect(extra).toEqual([]);
      const strayForms = [...cat.keys()].filter((k) => PLURAL.test(k) && !categories.includes(k.match(PLURAL)![1] as Intl.LDMLPluralRule));
      expect(strayForms).toEqual([]);
    });

    it('keeps every placeholder of the English text', () => {
      const wrong: string[] = [];
      for (const [key, text] of cat) {
        const source = en.get(key) ?? en.get(`${pluralBase(key)}_other`) ?? en.get(pluralBase(key));
        if (source === undefined) continue;
        const want = placeholders(source).filter((p) => p !== 'count');
        const have = placeholders(text).filter((p) => p !== 'count');
        if (JSON.stringify(want) !== JSON.stringify(have)) wrong.push(`${key}: ${have.join(',')} ≠ ${want.join(',')}`);
      }
      expect(wrong).toEqual([]);
    });

    it('shows the number in every plural form that English shows it in', () => {
      const missing = [...cat].filter(([key, text]) => PLURAL.test(key) && en.get(`${pluralBase(key)}_other`)?.includes('{{count}}') && !text.includes('{{count}}'));
      expect(missing.map(([k]) => k)).toEqual([]);
    });

    it('has no empty text', () => {
      expect([...cat].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    });

    more?.(locale, cat);
  });

  return { load, en, enBases };
}

/** The TypeScript sources (.ts, .tsx; not .d.ts) under `dir`, leaving out the folders in `skip`. */
export function sourceFiles(dir: string, skip: string[] = []): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(path)) walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(dir);
  return files;
}
