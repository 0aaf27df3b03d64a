import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RESIDENT_LOCALES } from '../../../preload/contract';
import { createI18n } from '../../../renderer/i18n/kiosk-texts';
import { isRightToLeft } from '../../../renderer/i18n/languages';
import { formatDate, hasDateData, intlDateLocale, OWN_DATE_NAMES, type DateStyle } from '../../../renderer/ui/dates';
import { formatMonth } from '../../../renderer/ui/months';
import { pluralCategories } from '../../../scripts/i18n/checks';
import { DATE_SAMPLE, DATE_ZONE, EXPECTED_DATES } from './dates-expected';

const STYLES = Object.keys(EXPECTED_DATES.fi!) as DateStyle[];
const ENGLISH_WORDS = /\b(Mon|Monday|Dec|December|AM|PM)\b/;

describe('plural forms by CLDR', () => {
  it('are the ones the issue names, as Intl.PluralRules gives them (plain Finnish: Finnish\'s)', () => {
    const sorted = (locale: string) => pluralCategories(locale).sort();
    expect(sorted('ar')).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(sorted('uk')).toEqual(['few', 'many', 'one', 'other']);
    expect(sorted('ru')).toEqual(['few', 'many', 'one', 'other']);
    expect(sorted('se')).toEqual(['one', 'other', 'two']);
    expect(sorted('so')).toEqual(['one', 'other']);
    expect(pluralCategories('fi-x-selko')).toEqual(pluralCategories('fi'));
    expect(new Intl.PluralRules('fi-x-selko').resolvedOptions().locale).toBe('fi');
  });

  it('are chosen by the kiosk\'s i18next for every number, in every language (never a key, never English)', () => {
    const i18n = createI18n('fi');
    const english = i18n.getFixedT('en');
    fc.assert(
      fc.property(fc.constantFrom(...RESIDENT_LOCALES.filter((l) => l !== 'en')), fc.integer({ min: 0, max: 1000 }), (locale, count) => {
        const text = i18n.getFixedT(locale)('warning.title', { count });
        expect(text).not.toContain('warning.title');
        expect(text).toContain(String(count));
        expect(text).not.toBe(english('warning.title', { count }));
      }),
    );
    const uk = i18n.getFixedT('uk');
    expect([1, 3, 5, 21, 22, 25].map((count) => uk('warning.title', { count }))).toEqual([
      'Залишилася 1 хвилина',
      'Залишилося 3 хвилини',
      'Залишилося 5 хвилин',
      'Залишилася 21 хвилина',
      'Залишилося 22 хвилини',
      'Залишилося 25 хвилин',
    ]);
    const ar = i18n.getFixedT('ar');
    expect(ar('warning.title', { count: 2 })).toBe('بقيت \u20682\u2069 دقيقتان');
    expect(ar('warning.title', { count: 5 })).toBe('بقيت \u20685\u2069 دقائق');
  });
});

describe('Arabic, right to left', () => {
  it('is the one real right-to-left language, with the test locale', () => {
    expect(RESIDENT_LOCALES.filter(isRightToLeft)).toEqual(['ar']);
    expect(isRightToLeft('ar-XB')).toBe(true);
  });

  it('isolates every inserted value (a PC\'s name, a time, a code) so it keeps its own direction', () => {
    const t = createI18n('ar').t;
    expect(t('welcome.where', { pc: 'Tietokone 2', room: 'Asukastupa' })).toBe('\u2068Tietokone 2\u2069 · \u2068Asukastupa\u2069');
    expect(t('welcome.bookedNow', { from: '14:00', to: '15:00' })).toBe('محجوز الآن: \u206814:00\u2069–\u206815:00\u2069');
    // Left-to-right languages are untouched.
    expect(createI18n('fi').t('welcome.where', { pc: 'Tietokone 2', room: 'Tupa' })).toBe('Tietokone 2 · Tupa');
  });
});

describe('dates and times that never fall back', () => {
  it('are the expected text in every language and style, 24-hour, Latin digits in Arabic', () => {
    for (const locale of RESIDENT_LOCALES) {
      for (const style of STYLES) expect(formatDate(DATE_SAMPLE, locale, DATE_ZONE, style), `${locale} ${style}`).toBe(EXPECTED_DATES[locale]![style]);
    }
  });

  it('never show an English day or month, or AM/PM, outside English', () => {
    for (const locale of RESIDENT_LOCALES.filter((l) => l !== 'en')) {
      for (const style of STYLES) expect(formatDate(DATE_SAMPLE, locale, DATE_ZONE, style), `${locale} ${style}`).not.toMatch(ENGLISH_WORDS);
    }
    expect(intlDateLocale('ar')).toBe('ar-u-nu-latn');
    expect(formatDate(DATE_SAMPLE, 'ar', DATE_ZONE, 'dateTime')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('has data for every language: Tupa\'s own names for Sámi and Somali (which Chromium lacks), Intl\'s for the rest', () => {
    for (const locale of RESIDENT_LOCALES) expect(hasDateData(locale), locale).toBe(true);
    expect(Object.keys(OWN_DATE_NAMES).sort()).toEqual(['se', 'so']);
  });

  it('takes Sámi and Somali names that are CLDR\'s (Node has the full ICU: Chromium does not)', () => {
    for (const locale of ['se', 'so']) {
      const names = OWN_DATE_NAMES[locale]!;
      const intl = (options: Intl.DateTimeFormatOptions, at: number) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
      // 6 December 2026 is a Sunday: day 0, as Date.getUTCDay counts.
      expect(names.weekdays).toEqual([...Array(7).keys()].map((i) => intl({ weekday: 'long' }, Date.UTC(2026, 11, 6 + i))));
      expect(names.months).toEqual([...Array(12).keys()].map((i) => intl({ month: 'long' }, Date.UTC(2026, i, 5))));
    }
  });

  it('are in the site\'s zone and 24-hour for any moment, whatever the language (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESIDENT_LOCALES), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (locale, at) => {
        const clock = formatDate(at, locale, DATE_ZONE, 'clock');
        const reference = new Intl.DateTimeFormat('en-GB', { timeZone: DATE_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
        expect(clock.replace('.', ':')).toBe(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('name months in the page\'s language (the console\'s and the city\'s figures)', () => {
    expect(formatMonth('se', '2026-12')).toBe('juovlamánnu 2026');
    expect(formatMonth('so', '2026-01', 'short')).toBe('Jan 2026');
    expect(formatMonth('fi', '2026-12')).toBe('joulukuu 2026');
    expect(formatMonth('fi', 'not a month')).toBe('not a month');
  });
});
