import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Figures } from '../../../preload/hub-contract';
import { figuresCsvHref } from '../../../renderer/advisor/api';
import { citySyncText, columnHeads, daySummary, FiguresFormat, monthChoices } from '../../../renderer/advisor/figures';
import type { AdvisorLocale, Tr } from '../../../renderer/advisor/i18n';
import { chartLayout } from '../../../renderer/ui/chart-layout';

const LOCALE_DIR = resolve(import.meta.dirname, '../../../resources/locales/advisor');
const ZONE = 'Europe/Helsinki';

function text(locale: AdvisorLocale): Tr {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: locale, resources: { [locale]: { translation: JSON.parse(readFileSync(join(LOCALE_DIR, `${locale}.json`), 'utf8')) as object } }, interpolation: { escapeValue: false }, initAsync: false });
  return (key, values) => i18n.t(key, values ?? {});
}

const fi = { tr: text('fi'), format: new FiguresFormat('fi', ZONE) };
/** 15 June 2026, 14.05 in Helsinki (UTC+3). */
const AT_1405 = Date.UTC(2026, 5, 15, 11, 5);
/** Intl writes a narrow no-break space between thousands in Finnish. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function days(values: Record<number, number>, count = 30): Figures['days'] {
  return Array.from({ length: count }, (_, i) => ({ day: `2026-06-${String(i + 1).padStart(2, '0')}`, sessions: values[i + 1] ?? 0, minutes: 0, helpCalls: 0 }));
}

describe('the month picker', () => {
  it('offers this month first and two years back, never a month still to come', () => {
    const months = monthChoices('2026-02');
    expect(months).toHaveLength(24);
    expect(months.slice(0, 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(months.at(-1)).toBe('2024-03');
    expect(months.every((m) => m <= '2026-02')).toBe(true);
  });
});

describe('the CSV link', () => {
  it('asks for the month with the chosen decimal mark, headings in the console\'s language (Finnish for Sámi)', () => {
    expect(figuresCsvHref('2026-06', 'comma', 'fi')).toBe('/api/figures/2026-06/csv?decimal=comma&lang=fi');
    expect(figuresCsvHref('2026-05', 'point', 'sv')).toBe('/api/figures/2026-05/csv?decimal=point&lang=sv');
    expect(figuresCsvHref('2026-06', 'comma', 'se')).toBe('/api/figures/2026-06/csv?decimal=comma&lang=fi');
  });
});

describe('the per-PC tables', () => {
  it('group the sessions\' and the feedback\'s columns under one heading each, the other figures standing alone', () => {
    expect(columnHeads().map((h) => (h.kind === 'group' ? `${h.group}×${h.span}` : h.column.key))).toEqual(['sessions×3', 'minutes', 'helpCalls', 'helpCancelled', 'noShows', 'pages', 'remoteCalls', 'feedback×3']);
  });
});

describe('numbers, days and times in Finnish', () => {
  it('write thousands with a space, months by name, and each day with its weekday', () => {
    expect(plain(fi.format.number(12345))).toBe('12 345');
    expect(fi.format.month('2026-06')).toBe('kesäkuu 2026');
    expect(fi.format.dayCategories([{ day: '2026-06-15' }, { day: '2026-06-21' }])).toEqual([
      { key: '2026-06-15', label: '15', sub: 'ma', name: 'ma 15.6.' },
      { key: '2026-06-21', label: '21', sub: 'su', name: 'su 21.6.' },
    ]);
  });

  it('give a time today as the clock alone, and another day with its date', () => {
    expect(fi.format.when(AT_1405, '2026-06-15')).toBe('14.05');
    expect(fi.format.when(AT_1405, '2026-06-16')).toBe('15.6.2026 klo 14.05');
  });
});

describe('the chart\'s summary', () => {
  it('says the month\'s total and its busiest day, or that there was nothing', () => {
    expect(daySummary(days({ 3: 2, 15: 7, 20: 7 }), 'sessions', fi.tr, fi.format)).toBe('Yhteensä 16. Vilkkain päivä: ma 15.6. (7).');
    expect(daySummary(days({}), 'sessions', fi.tr, fi.format)).toBe('Ei yhtään tässä kuussa.');
  });

  it('fits a month of days on a desktop console without scrolling, and scrolls on a phone', () => {
    const month = { categories: 31, series: 1, labelWidth: 14, tickWidth: 20, categoryWidth: 16, rem: 16 };
    expect(chartLayout({ ...month, available: 1100 }).width).toBe(1100);
    expect(chartLayout({ ...month, available: 330 }).width).toBeGreaterThan(330);
  });
});

describe('the line about the sync to the city, for IT', () => {
  const city = (more: Partial<Figures['city']>): Figures['city'] => ({ configured: true, pending: 0, ...more });

  it('says plainly when sending is not set up', () => {
    expect(citySyncText({ configured: false, pending: 12 }, '2026-06-15', fi.tr, fi.format)).toEqual({
      text: 'Lukuja ei lähetetä kaupungille: lähetystä ei ole otettu käyttöön tällä palvelimella.',
      failing: false,
    });
  });

  it('says when figures last reached the city and how many wait', () => {
    expect(citySyncText(city({ lastOkAt: AT_1405 }), '2026-06-15', fi.tr, fi.format).text).toBe('Luvut lähetetään kaupungille: viimeksi 14.05, 0 odottaa.');
    expect(citySyncText(city({ lastOkAt: AT_1405, pending: 3 }), '2026-06-17', fi.tr, fi.format).text).toBe('Luvut lähetetään kaupungille: viimeksi 15.6.2026 klo 14.05, 3 odottaa.');
    expect(citySyncText(city({ pending: 5 }), '2026-06-15', fi.tr, fi.format).text).toBe('Luvut lähetetään kaupungille, mutta yhtään ei ole vielä mennyt perille: 5 odottaa.');
  });

  it('adds the last attempt\'s error while sending fails', () => {
    const failing = citySyncText(city({ lastOkAt: AT_1405, pending: 8, lastError: 'connect ECONNREFUSED 10.0.0.5:443' }), '2026-06-15', fi.tr, fi.format);
    expect(failing).toEqual({ text: 'Luvut lähetetään kaupungille: viimeksi 14.05, 8 odottaa. Viimeisin yritys epäonnistui: connect ECONNREFUSED 10.0.0.5:443', failing: true });
  });

  it('in English and in Sámi (with its dual) too', () => {
    const en = { tr: text('en'), format: new FiguresFormat('en', ZONE) };
    expect(citySyncText(city({ lastOkAt: AT_1405, pending: 1 }), '2026-06-15', en.tr, en.format).text).toBe('Figures are sent to the city: last at 14:05, 1 waiting.');
    const se = { tr: text('se'), format: new FiguresFormat('se', ZONE) };
    expect(citySyncText(city({ lastOkAt: AT_1405, pending: 2 }), '2026-06-15', se.tr, se.format).text).toMatch(/ 2 vurdet\.$/);
  });
});
