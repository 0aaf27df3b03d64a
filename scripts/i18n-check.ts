import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkCatalogue, flatten, isError, LONG_FACTOR, type Catalogue, type Problem } from './i18n/checks';

/**
 * `npm run i18n:check`: every catalogue under resources/locales/ beside its
 * English source. Errors (exit code 1): missing and extra keys, wrong plural
 * categories (CLDR, from Intl.PluralRules), mismatched placeholders, a plural
 * form that hides the number, empty texts. Warnings (reported, exit code 0):
 * texts over twice as long as the English, which may be right but should be
 * looked at on the screen. `--strict` makes warnings errors too.
 */

const ROOT = resolve(import.meta.dirname, '..');
const LOCALES = join(ROOT, 'resources/locales');
/** Folders of catalogues (each with en.json); dates/ holds day and month names, not texts. */
const FOLDERS = ['', 'board', 'advisor', 'city', 'figures', 'app'];

const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Catalogue;

export function checkAll(root = LOCALES): Array<{ file: string; problems: Problem[] }> {
  const out: Array<{ file: string; problems: Problem[] }> = [];
  for (const folder of FOLDERS) {
    const dir = join(root, folder);
    if (!existsSync(join(dir, 'en.json'))) continue;
    const en = flatten(load(join(dir, 'en.json')));
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json').sort()) {
      const file = join(dir, name);
      out.push({ file: relative(ROOT, file), problems: checkCatalogue(en, flatten(load(file)), name.replace(/\.json$/, '')) });
    }
  }
  return out;
}

function main(): void {
  const strict = process.argv.includes('--strict');
  let errors = 0;
  let warnings = 0;
  for (const { file, problems } of checkAll()) {
    for (const p of problems) {
      const error = strict || isError(p);
      if (error) errors++;
      else warnings++;
      console.log(`${error ? 'error' : 'warning'}  ${file}  ${p.key}  ${p.kind}${p.detail ? `: ${p.detail}` : ''}`);
    }
  }
  console.log(`${errors} error(s), ${warnings} warning(s) (warning: a text over ${LONG_FACTOR}× its English length; --strict makes warnings errors)`);
  process.exitCode = errors > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
