import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { BOARD_LOCALES } from '../../../preload/board-contract';
import type { Tr } from '../../../renderer/board/i18n';
import { hhmm, when } from '../../../renderer/board/time';
import { describeCatalogues, sourceFiles } from './catalogue-checks';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALE_DIR = join(ROOT, 'resources/locales/board');
const CODE = sourceFiles(join(ROOT, 'renderer/board'));

const { load, en, enBases } = describeCatalogues('the status board\'s %s catalogue', LOCALE_DIR);

describe('the status board\'s languages', () => {
  it('are the kiosk\'s nine, Finnish first, each with a catalogue file', () => {
    const files = readdirSync(LOCALE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...BOARD_LOCALES].sort());
    expect(BOARD_LOCALES[0]).toBe('fi');
  });

  it('are listed in the translation review notes', () => {
    expect(readFileSync(join(ROOT, 'resources/locales/REVIEW.md'), 'utf8')).toContain('board/*.json');
  });
});

describe('the status board\'s code', () => {
  const source = CODE.map((f) => readFileSync(f, 'utf8')).join('\n');
  const sections = new Set([...en.keys()].map((k) => k.split('.')[0]!));

  it('uses only keys that the English catalogue has', () => {
    const used = new Set<string>();
    for (const m of source.matchAll(/'([a-z][a-zA-Z]*)\.([a-zA-Z.]+)'/g)) if (sections.has(m[1]!)) used.add(`${m[1]}.${m[2]}`);
    expect(used.size).toBeGreaterThan(25);
    expect([...used].filter((k) => !enBases.has(k))).toEqual([]);
  });

  it('uses every key of the English catalogue', () => {
    expect([...enBases.keys()].filter((k) => !source.includes(`'${k}'`))).toEqual([]);
  });
});

describe('times on the board', () => {
  const tr = (locale: string): Tr => {
    const i18n = i18next.createInstance();
    void i18n.init({ lng: locale, resources: { [locale]: { translation: load(locale as 'fi') } }, interpolation: { escapeValue: false }, initAsync: false });
    return (key, values) => i18n.t(key, values ?? {});
  };
  const zone = 'Europe/Helsinki';
  // Monday 7 December 2026, 10:00 in Helsinki (08:00 UTC).
  const now = Date.UTC(2026, 11, 7, 8, 0);
  const HOUR = 3_600_000;

  it('are 24-hour, in the site\'s zone, whatever the browser\'s', () => {
    expect(hhmm(now + 5 * HOUR + 5 * 60_000, zone)).toBe('15:05');
    expect(hhmm(now, 'UTC')).toBe('08:00');
  });

  it('say today, tomorrow or the day in each language, with the day names from the catalogue (Sámi too)', () => {
    expect(when(now + 2 * HOUR, now, zone, tr('fi'))).toBe('klo 12:00');
    expect(when(now + 22 * HOUR, now, zone, tr('fi'))).toBe('huomenna klo 08:00');
    expect(when(now + 70 * HOUR, now, zone, tr('en'))).toBe('Thu 08:00');
    expect(when(now + 70 * HOUR, now, zone, tr('sv'))).toBe('tors kl. 08:00');
    expect(when(now + 70 * HOUR, now, zone, tr('se'))).toBe('duor dii. 08:00');
  });
});
