import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeCatalogues } from './catalogue-checks';

// The column headers of the advisor's figures spreadsheet (main/hub/figures-view.ts), in the languages it offers.
const DIR = resolve(import.meta.dirname, '../../../resources/locales/figures');
const { en } = describeCatalogues('the figures spreadsheet\'s headers (%s)', DIR, undefined, ['fi', 'sv', 'en']);

it('uses every header it has', () => {
  const source = readFileSync(resolve(import.meta.dirname, '../../../main/hub/figures-view.ts'), 'utf8');
  for (const key of en.keys()) expect(source, key).toContain(`'${key}'`);
});
