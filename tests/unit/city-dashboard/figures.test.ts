import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DELAY_BUCKETS, END_REASONS, FEEDBACK_FACES, REMOTE_OUTCOMES, SUPPRESSED, type Cell, type Dashboard, type SiteMonth } from '../../../preload/city-contract';
import { remoteSharedMinutes, remoteWaitMinutes } from '../../../main/city/csv';
import * as local from '../../../renderer/city/figures';
import { addMonths, breakdownCells, remoteMinutes, figureOf, Figures, lastTwelveMonths, monthsFrom, shareOf, syncState, feedbackOf, DAY_MS } from '../../../renderer/city/figures';
import { chartLayout, ticksFor } from '../../../renderer/ui/chart-layout';
import { Format } from '../../../renderer/city/format';
import type { CityLocale, Tr } from '../../../renderer/city/i18n';

const LOCALE_DIR = resolve(import.meta.dirname, '../../../resources/locales/city');
function format(locale: CityLocale): Format {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: locale, resources: { [locale]: { translation: JSON.parse(readFileSync(join(LOCALE_DIR, `${locale}.json`), 'utf8')) as object } }, interpolation: { escapeValue: false }, initAsync: false });
  const tr: Tr = (key, values) => i18n.t(key, values ?? {});
  return new Format(locale, tr);
}

function row(site: string, month: string, more: Partial<SiteMonth> = {}): SiteMonth {
  return { site, month, sessions: 10, minutes: 400, helpCalls: 2, noShows: 1, pages: 0, remoteCalls: 0, breakdown: {}, updatedAt: 1, ...more };
}

describe('the dashboard\'s copies of the city contract\'s values (the renderer may import only types from preload/)', () => {
  it('are the contract\'s own', () => {
    expect(local.SUPPRESSED).toBe(SUPPRESSED);
    expect(local.FEEDBACK_FACES).toEqual(FEEDBACK_FACES);
    expect(local.END_REASONS).toEqual(END_REASONS);
    expect(local.DELAY_BUCKETS).toEqual(DELAY_BUCKETS);
    expect(local.REMOTE_OUTCOMES).toEqual(REMOTE_OUTCOMES);
  });
});

describe('months', () => {
  it('count across the turn of a year, both ends included', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsFrom('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsFrom('2026-03', '2026-02')).toEqual([]);
  });

  it('start as the last 12 months up to the current one', () => {
    expect(lastTwelveMonths(new Date(2026, 1, 10, 12).getTime())).toEqual({ from: '2025-03', to: '2026-02' });
  });

  it('are shown in Finnish by default ("tammikuu 2026"), and a month that is not YYYY-MM is shown as it came', () => {
    expect(format('fi').month('2026-01')).toBe('tammikuu 2026');
    expect(format('sv').month('2026-01')).toBe('januari 2026');
    expect(format('en').month('2026-01', 'short')).toBe('Jan 2026');
    expect(format('fi').month('garbage')).toBe('garbage');
  });
});

describe('the figures of the table', () => {
  const dashboard: Dashboard = {
    sites: [{ id: 'kallio', name: 'Kallio', lastSyncAt: 5 }, { id: 'malmi', name: 'Malmi' }],
    months: ['2026-04', '2026-05'],
    rows: [
      row('kallio', '2026-04', { sessions: 1200, breakdown: { 'feedback.good': 30, 'feedback.ok': 10, 'feedback.bad': '<5' } }),
      row('kallio', '2026-05', { sessions: 8, breakdown: { 'feedback.good': 6, 'feedback.ok': 6 } }),
      row('ghost', '2026-05', { sessions: 3 }),
    ],
  };
  const figures = new Figures(dashboard);

  it('sum a site\'s months and a month\'s sites; a site-month without figures is "missing", not 0', () => {
    expect(figureOf('sessions', figures.rows({ site: 'kallio' }))).toEqual({ kind: 'count', value: 1208 });
    expect(figureOf('sessions', figures.rows({ month: '2026-05' }))).toEqual({ kind: 'count', value: 11 });
    expect(figureOf('sessions', [])).toEqual({ kind: 'missing' });
    expect(format('fi').value(figureOf('sessions', figures.rows({ site: 'kallio' }))).text).toBe('1\u00a0208');
    expect(format('fi').value({ kind: 'missing' })).toEqual({ text: '–', spoken: 'ei lukuja' });
  });

  it('list a site that sent rows but is not among the sites, by its id', () => {
    expect(figures.sites().map((s) => s.name)).toEqual(['Kallio', 'Malmi', 'ghost']);
  });

  it('give the share of good feedback exactly, or the range it lies in when a count arrived as "<5"', () => {
    expect(figureOf('satisfaction', figures.rows({ month: '2026-05', site: 'kallio' }))).toEqual({ kind: 'share', low: 0.5, high: 0.5 });
    expect(format('fi').value(figureOf('satisfaction', figures.rows({ month: '2026-05', site: 'kallio' }))).text).toBe('50\u00a0%');
    const april = figureOf('satisfaction', figures.rows({ month: '2026-04' }));
    expect(april).toEqual({ kind: 'share', low: 30 / 44, high: 30 / 40 });
    expect(format('fi').value(april)).toEqual({ text: '68–75\u00a0%', spoken: 'vähintään 68\u00a0%, enintään 75\u00a0%' });
    expect(format('en').value(april).spoken).toBe('between 68% and 75%');
  });

  it('say when the share cannot be computed (every count under 5) or there was no feedback at all', () => {
    const allSmall = shareOf(feedbackOf([row('a', '2026-05', { breakdown: { 'feedback.good': '<5', 'feedback.bad': '<5' } })]));
    expect(allSmall).toEqual({ kind: 'suppressed' });
    expect(format('fi').value(allSmall)).toEqual({ text: '<5', spoken: 'ei laskettavissa: kaikki palautemäärät ovat alle 5' });
    expect(shareOf(feedbackOf([row('a', '2026-05')]))).toEqual({ kind: 'no-answers' });
  });

  it('take no harm from damaged rows: a missing breakdown, a count that is not a number', () => {
    const damaged = { ...row('a', '2026-05'), breakdown: undefined, sessions: 'many' } as unknown as SiteMonth;
    expect(figureOf('sessions', [damaged, row('b', '2026-05')])).toEqual({ kind: 'count', value: 10 });
    expect(figureOf('satisfaction', [damaged])).toEqual({ kind: 'no-answers' });
    expect(breakdownCells(undefined, 'language')).toEqual([]);
  });
});

describe('sums that include "<5" cells', () => {
  const fi = format('fi');

  it('show a lone "<5" as it came, read aloud as "fewer than 5"', () => {
    expect(fi.amount({ known: 0, suppressed: 1 })).toEqual({ text: '<5', spoken: 'alle 5' });
    expect(format('en').amount({ known: 0, suppressed: 1 }).spoken).toBe('fewer than 5');
  });

  it('show a sum with hidden parts as the range it lies in, never as if the hidden parts were 0', () => {
    expect(fi.amount({ known: 12, suppressed: 2 })).toEqual({ text: '12–20', spoken: 'vähintään 12, enintään 20' });
    expect(format('sv').amount({ known: 12, suppressed: 2 }).spoken).toBe('mellan 12 och 20');
    expect(fi.amount({ known: 12, suppressed: 0 })).toEqual({ text: '12' });
  });
});

describe('the breakdowns', () => {
  it('list fixed groups in their own order, languages largest first ("<5" last) and hours by the clock', () => {
    const cells = {
      'end.idle': 7,
      'end.time-up': 40,
      'language.so': '<5' as const,
      'language.fi': 50,
      'language.en': 9,
      'hour.14': 5,
      'hour.09': 6,
      'help-resolved.1800': '<5' as const,
      'help-resolved.0': 8,
      'remote-wait.60': 6,
      'remote-wait.0': '<5' as const,
      'remote-wait-seconds': 900,
      'remote-outcome.declined': '<5' as const,
      'remote-outcome.resident-stopped': 5,
    };
    expect(breakdownCells(cells, 'end').map((c) => c.item)).toEqual(['time-up', 'idle']);
    expect(breakdownCells(cells, 'language').map((c) => c.item)).toEqual(['fi', 'en', 'so']);
    expect(breakdownCells(cells, 'hour').map((c) => c.item)).toEqual(['09', '14']);
    expect(breakdownCells(cells, 'help-resolved').map((c) => c.item)).toEqual(['0', '1800']);
    expect(breakdownCells(cells, 'feedback')).toEqual([]);
    // Help on the screen: buckets by their delay, outcomes in their order; the month's totals are no group's cells.
    expect(breakdownCells(cells, 'remote-wait')).toEqual([{ item: '0', cell: '<5' }, { item: '60', cell: 6 }]);
    expect(breakdownCells(cells, 'remote-outcome').map((c) => c.item)).toEqual(['resident-stopped', 'declined']);
    expect(breakdownCells(cells, 'remote-length')).toEqual([]);
  });

  it('say help on the screen\'s minutes as the export writes them', () => {
    const written = (m: ReturnType<typeof remoteMinutes>['wait']) => (m.kind === 'none' ? '' : m.kind === 'suppressed' ? SUPPRESSED : m.value);
    const cell = fc.option(fc.oneof(fc.constant<Cell>(SUPPRESSED), fc.integer({ min: 5, max: 100_000 })), { nil: undefined });
    fc.assert(
      fc.property(cell, cell, cell, (answered, wait, shown) => {
        const breakdown: Record<string, Cell> = {};
        if (answered !== undefined) breakdown['remote-answered'] = answered;
        if (wait !== undefined) breakdown['remote-wait-seconds'] = wait;
        if (shown !== undefined) breakdown['remote-shared-seconds'] = shown;
        const { wait: w, shown: s } = remoteMinutes(breakdown);
        expect([written(w), written(s)]).toEqual([remoteWaitMinutes(breakdown), remoteSharedMinutes(breakdown)].map((t) => (/^\d/.test(t) ? Number(t) : t)));
      }),
    );
    const fi = format('fi');
    expect(fi.remoteMinutes(remoteMinutes({ 'remote-answered': 8, 'remote-wait-seconds': 1200 }).wait)).toEqual({ text: '2,5 min' });
    expect(fi.remoteMinutes(remoteMinutes({ 'remote-answered': '<5' }).wait)).toEqual({ text: '<5', spoken: 'ei näytetä: alle 5 pyyntöä' });
    expect(fi.remoteMinutes(remoteMinutes({}).wait)).toEqual({ text: '–', spoken: 'yhteenkään pyyntöön ei vastattu' });
    expect(fi.remoteMinutes(remoteMinutes({}).shown)).toEqual({ text: '0,0 min' });
  });
});

describe('a site\'s last sync', () => {
  const now = Date.UTC(2026, 5, 15);

  it('is "behind" after more than three days, with the days counted', () => {
    expect(syncState(now - 3 * DAY_MS, now)).toEqual({ kind: 'recent', at: now - 3 * DAY_MS });
    expect(syncState(now - 5 * DAY_MS - 1000, now)).toEqual({ kind: 'stale', at: now - 5 * DAY_MS - 1000, days: 5 });
    expect(syncState(undefined, now)).toEqual({ kind: 'never' });
  });
});

describe('the charts\' layout', () => {
  it('has round ticks up to at least the largest value', () => {
    expect(ticksFor(806)).toEqual([0, 250, 500, 750, 1000]);
    expect(ticksFor(8)).toEqual([0, 2, 4, 6, 8]);
    expect(ticksFor(0)).toEqual([0, 5]);
  });

  it('fits the box it has, and grows wider (to scroll) rather than crowd the months\' names', () => {
    const base = { categories: 12, series: 1, labelWidth: 20, tickWidth: 30, categoryWidth: 40, rem: 16 };
    expect(chartLayout({ ...base, available: 1200 }).width).toBe(1200);
    const narrow = chartLayout({ ...base, available: 300 });
    expect(narrow.width).toBeGreaterThan(300);
    expect(narrow.slot).toBeGreaterThanOrEqual(40);
    expect(chartLayout({ ...base, labelWidth: 60, available: 300 }).upright).toBe(true);
  });
});
