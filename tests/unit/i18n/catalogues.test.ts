import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, EndReason } from '../../../preload/contract';
import { LANGUAGE_NAMES } from '../../../renderer/i18n/languages';
import { accentLong, mirror, pseudoCatalogue } from '../../../renderer/i18n/pseudo';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALE_DIR = join(ROOT, 'resources/locales');
const REAL = ['fi', 'sv', 'en', 'se'] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalogue = { [key: string]: string | Catalogue };
const load = (locale: string) => JSON.parse(readFileSync(join(LOCALE_DIR, `${locale}.json`), 'utf8')) as Catalogue;

function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const base = (key: string) => key.replace(PLURAL, '');
const en = flatten(load('en'));
const enBases = new Map<string, boolean>(); // base key → plural?
for (const key of en.keys()) enBases.set(base(key), PLURAL.test(key) || enBases.get(base(key)) === true);

describe.each(REAL)('the %s catalogue', (locale) => {
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

  it('has no key that English does not have', () => {
    const extra = [...cat.keys()].filter((k) => !enBases.has(base(k)));
    expect(extra).toEqual([]);
  });

  it('keeps every placeholder of the English text', () => {
    const wrong: string[] = [];
    for (const [key, text] of cat) {
      const source = en.get(key) ?? en.get(`${base(key)}_other`) ?? en.get(base(key));
      if (source === undefined) continue;
      const want = placeholders(source).filter((p) => p !== 'count');
      const have = placeholders(text).filter((p) => p !== 'count');
      if (JSON.stringify(want) !== JSON.stringify(have)) wrong.push(`${key}: ${have.join(',')} ≠ ${want.join(',')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no empty text', () => {
    expect([...cat].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });
});

describe('the locales', () => {
  it('are the same list in the contract, the picker and the catalogue folder', () => {
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LOCALES].sort());
    const files = readdirSync(LOCALE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...REAL].sort());
  });

  it('name each language in itself', () => {
    expect(LANGUAGE_NAMES).toMatchObject({ fi: 'Suomi', sv: 'Svenska', en: 'English', se: 'Davvisámegiella' });
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
    for (const locale of ['fi', 'sv', 'se']) expect(review).toMatch(new RegExp(`\\b${locale}\\b`));
    expect(review.toLowerCase()).toContain('review');
  });

  it('every t("…") key used in the kiosk renderer exists in English', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name)) files.push(path);
      }
    };
    // The advisor console has its own catalogues (resources/locales/advisor/, tested beside this file).
    for (const dir of readdirSync(join(ROOT, 'renderer'), { withFileTypes: true })) {
      const path = join(ROOT, 'renderer', dir.name);
      if (dir.isDirectory() && dir.name !== 'advisor') walk(path);
      else if (dir.isFile() && /\.tsx?$/.test(dir.name)) files.push(path);
    }
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
