/**
 * The checks every translation catalogue must pass against its English
 * source, as pure functions: used by `npm run i18n:check` (scripts/i18n-check.ts)
 * and by the unit tests (tests/unit/i18n/), so the two can never disagree.
 * Data-driven: whatever keys English has, every other catalogue must have,
 * with exactly the plural forms its language needs (CLDR, as
 * Intl.PluralRules gives them) and the same {{placeholders}}.
 */

export type Catalogue = { [key: string]: string | Catalogue };

const PLURAL = /_(zero|one|two|few|many|other)$/;

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
export const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

/** A key without its plural suffix ('help.waiting_one' → 'help.waiting'). */
export const pluralBase = (key: string) => key.replace(PLURAL, '');

export const isPluralForm = (key: string) => PLURAL.test(key);

/** English's keys without plural suffixes: base key → whether it is a plural. */
export function baseKeys(en: Map<string, string>): Map<string, boolean> {
  const bases = new Map<string, boolean>();
  for (const key of en.keys()) bases.set(pluralBase(key), isPluralForm(key) || bases.get(pluralBase(key)) === true);
  return bases;
}

/** The CLDR plural categories of a language, as the runtime's Intl gives them (fi-x-selko: Finnish's). */
export function pluralCategories(locale: string): string[] {
  return new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
}

export type ProblemKind = 'missing' | 'extra' | 'plural' | 'placeholder' | 'count' | 'empty' | 'long';

export interface Problem {
  kind: ProblemKind;
  key: string;
  detail?: string;
}

/** The kinds reported but not failing the check: a long text may be right (Finnish compounds, "OK" in Russian), a reviewer decides. */
export const WARNING_KINDS: readonly ProblemKind[] = ['long'];

/** Texts longer than this many times their English source are reported (English under MIN_LONG characters is left out: "OK" → "Нормально" is fine). */
export const LONG_FACTOR = 2;
const MIN_LONG = 12;

/** Everything wrong with one catalogue beside its English source. */
export function checkCatalogue(en: Map<string, string>, cat: Map<string, string>, locale: string): Problem[] {
  const problems: Problem[] = [];
  const categories = pluralCategories(locale);
  const bases = baseKeys(en);

  for (const [base, plural] of bases) {
    if (!plural) {
      if (!cat.has(base)) problems.push({ kind: 'missing', key: base });
      continue;
    }
    const forms = categories.map((c) => `${base}_${c}`);
    const absent = forms.filter((f) => !cat.has(f));
    if (absent.length === forms.length && !cat.has(base)) problems.push({ kind: 'missing', key: base });
    else if (absent.length > 0) problems.push({ kind: 'plural', key: base, detail: `lacks ${absent.map((f) => f.slice(base.length + 1)).join(', ')} (${locale} needs ${categories.join(', ')})` });
  }

  for (const [key, text] of cat) {
    const base = pluralBase(key);
    if (!bases.has(base)) {
      problems.push({ kind: 'extra', key });
      continue;
    }
    if (isPluralForm(key)) {
      const form = key.slice(base.length + 1);
      if (!categories.includes(form)) problems.push({ kind: 'plural', key, detail: `${locale} has no "${form}" form (it needs ${categories.join(', ')})` });
    }
    if (text.trim() === '') problems.push({ kind: 'empty', key });
    const source = en.get(key) ?? en.get(`${base}_other`) ?? en.get(base);
    if (source === undefined) continue;
    const want = placeholders(source).filter((p) => p !== 'count');
    const have = placeholders(text).filter((p) => p !== 'count');
    if (want.join() !== have.join()) problems.push({ kind: 'placeholder', key, detail: `has {{${have.join('}}, {{')}}} where English has {{${want.join('}}, {{')}}}` });
    if (isPluralForm(key) && en.get(`${base}_other`)?.includes('{{count}}') && !text.includes('{{count}}')) problems.push({ kind: 'count', key, detail: 'does not show {{count}}' });
    if (source.length >= MIN_LONG && text.length > LONG_FACTOR * source.length) problems.push({ kind: 'long', key, detail: `${text.length} characters, English ${source.length}` });
  }
  return problems;
}

export const isError = (p: Problem) => !WARNING_KINDS.includes(p.kind);
