import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseKeys, checkCatalogue, flatten, type Catalogue, type Problem, type ProblemKind } from '../../../scripts/i18n/checks';

/**
 * The checks every set of translation catalogues must pass, shared by the
 * kiosk's (resources/locales/) and the advisor console's
 * (resources/locales/advisor/). English is the source: every other language
 * has its keys, with the plural forms the language needs and the same
 * placeholders, and no empty text.
 */

/** The languages of the advisor console (and of the first kiosk release); the kiosk and the board speak more (every catalogue file). */
export const REAL_LOCALES = ['fi', 'sv', 'en', 'se'] as const;

export { flatten, placeholders, pluralBase, type Catalogue } from '../../../scripts/i18n/checks';

/** The languages with a catalogue in `dir`, English first, read from the folder: a new catalogue is checked without a change here. */
export function cataloguesIn(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  return ['en', ...files.filter((f) => f !== 'en').sort()];
}

/** One folder of catalogues, read once: English flattened, and its keys without plural suffixes. */
export function readCatalogues(dir: string) {
  const load = (locale: string) => JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as Catalogue;
  const en = flatten(load('en'));
  return { load, en, enBases: baseKeys(en) };
}

const label = (p: Problem) => `${p.key} ${p.kind}${p.detail ? `: ${p.detail}` : ''}`;

/**
 * Declares, for each catalogue in `dir` (or each of `locales`, for a page
 * that speaks fewer), the tests that it matches the English one (the same
 * checks as `npm run i18n:check`, scripts/i18n/checks.ts). `more` adds a
 * folder's own tests for a locale.
 */
export function describeCatalogues(title: string, dir: string, more?: (locale: string, cat: Map<string, string>) => void, locales: readonly string[] = cataloguesIn(dir)) {
  const { load, en, enBases } = readCatalogues(dir);

  describe.each(locales)(title, (locale) => {
    const cat = flatten(load(locale));
    const problems = checkCatalogue(en, cat, locale);
    const of = (...kinds: ProblemKind[]) => problems.filter((p) => kinds.includes(p.kind)).map(label);

    it('has every key of the English catalogue, with the plural forms its language needs', () => {
      expect(of('missing', 'plural')).toEqual([]);
    });

    it('has no key that English does not have, and no plural form its language does not use', () => {
      expect(of('extra')).toEqual([]);
    });

    it('keeps every placeholder of the English text', () => {
      expect(of('placeholder')).toEqual([]);
    });

    it('shows the number in every plural form that English shows it in', () => {
      expect(of('count')).toEqual([]);
    });

    it('has no empty text', () => {
      expect(of('empty')).toEqual([]);
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
