import { DateTime } from 'luxon';
import { z } from 'zod';
import type { FigureSet, Figures } from '../../preload/hub-contract';
import { HubError } from './bookings';
import type { HubStore } from './hub-store';
import { citySyncStatus } from '../sync/city-sync';
import { HELP_CANCELLED, dailyTotals, remoteTotals, siteDayAndHour } from '../sync/figures';
import { csvDocument, decimalText, defuse, oneDecimal } from '../sync/csv';
import { catalogueText } from '../i18n/app-text';
import figuresEn from '../../resources/locales/figures/en.json';
import figuresFi from '../../resources/locales/figures/fi.json';
import figuresSv from '../../resources/locales/figures/sv.json';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A figure set from summed daily metrics. */
export function figureSet(sums: ReadonlyMap<string, number>): FigureSet {
  const get = (m: string) => sums.get(m) ?? 0;
  const totals = dailyTotals(sums);
  const set: FigureSet = {
    sessions: totals.sessions,
    booked: get('sessions.booked'),
    walkIns: get('sessions.walk-in'),
    minutes: totals.minutes,
    helpCalls: totals['help-calls'],
    helpCancelled: get(HELP_CANCELLED),
    noShows: totals['no-shows'],
    pages: totals.pages,
    feedback: { good: get('feedback.good'), ok: get('feedback.ok'), bad: get('feedback.bad') },
  };
  // Help from afar (issue 16), where the site has had any.
  const remote = remoteTotals(sums);
  if (remote.calls > 0) set.remote = { calls: remote.calls, waitSeconds: remote.waitSeconds, sharedSeconds: remote.sharedSeconds };
  return set;
}

/**
 * The advisor's figures: today's and a month's, for the site and per PC
 * (exact: they stay at the hub), each day of the month for the chart, and
 * how the sync to the city stands. `month` is YYYY-MM; none: this month.
 */
export function advisorFigures(store: HubStore, now: number, month?: string): Figures {
  const site = store.site()!;
  const today = siteDayAndHour(now, site.timeZone).day;
  const wanted = month ?? today.slice(0, 7);
  if (!MONTH.test(wanted)) throw new HubError(400, 'invalid-month', `"${wanted}" is not a month; give it as YYYY-MM`, 'month');
  const first = DateTime.fromISO(`${wanted}-01`, { zone: site.timeZone });
  const days: string[] = [];
  for (let d = first; d.month === first.month; d = d.plus({ days: 1 })) days.push(d.toFormat('yyyy-MM-dd'));

  const rows = store.db
    .prepare('SELECT day, pc_id, metric, value FROM usage_daily WHERE (day >= ? AND day <= ?) OR day = ?')
    .all(days[0], days.at(-1), today) as Array<{ day: string; pc_id: string; metric: string; value: number }>;
  const sum = (filter: (r: (typeof rows)[number]) => boolean) => {
    const sums = new Map<string, number>();
    for (const r of rows) if (filter(r)) sums.set(r.metric, (sums.get(r.metric) ?? 0) + r.value);
    return sums;
  };
  const inMonth = (r: { day: string }) => r.day.startsWith(`${wanted}-`);
  const pcs = store.pcs().filter((p) => !p.revoked || rows.some((r) => r.pc_id === p.id));
  const city = citySyncStatus(store.db, now);
  return {
    month: wanted,
    today,
    site: { today: figureSet(sum((r) => r.day === today)), month: figureSet(sum(inMonth)) },
    pcs: pcs.map((p) => ({
      id: p.id,
      name: p.name,
      today: figureSet(sum((r) => r.pc_id === p.id && r.day === today)),
      month: figureSet(sum((r) => r.pc_id === p.id && inMonth(r))),
    })),
    days: days.map((day) => {
      const f = figureSet(sum((r) => r.day === day));
      return { day, sessions: f.sessions, minutes: f.minutes, helpCalls: f.helpCalls };
    }),
    city: {
      configured: city.configured,
      pending: city.pending,
      ...(city.lastOkAt !== undefined ? { lastOkAt: city.lastOkAt } : {}),
      ...(city.lastError !== undefined ? { lastError: city.lastError } : {}),
    },
  };
}

export const FIGURES_CSV_LANGUAGES = ['fi', 'sv', 'en'] as const;
const FIGURES_CATALOGUES = { en: figuresEn, fi: figuresFi, sv: figuresSv };
type FiguresCsvKey = keyof typeof figuresEn;
const CSV_COLUMNS: readonly FiguresCsvKey[] = ['day', 'pc', 'sessions', 'booked', 'walkIns', 'minutes', 'averageMinutes', 'helpCalls', 'helpCancelled', 'noShows', 'pages', 'remoteCalls', 'remoteWaitMinutes', 'remoteSharedMinutes', 'feedbackGood', 'feedbackOk', 'feedbackBad'];

/** GET /api/figures/:month/csv?decimal=point|comma&lang=fi|sv|en */
export const FiguresCsvQuery = z.strictObject({
  decimal: z.enum(['point', 'comma']).default('point'),
  lang: z.enum(FIGURES_CSV_LANGUAGES).default('fi'),
});

/**
 * A month's figures as a spreadsheet for the advisor: a row per day and PC
 * that has any, with the PC's name (exact figures: they stay at the site).
 * Help on the screen: its calls, the average wait of those an advisor
 * accepted (minutes, one decimal; empty when none was) and the minutes the
 * page was shown in all.
 */
export function advisorFiguresCsv(store: HubStore, now: number, month: string | undefined, options: z.output<typeof FiguresCsvQuery>): { csv: string; month: string } {
  const figures = advisorFigures(store, now, month);
  const t = catalogueText(FIGURES_CATALOGUES, options.lang);
  const names = new Map(store.pcs().map((p) => [p.id, p.name]));
  const rows = store.db
    .prepare('SELECT day, pc_id, metric, value FROM usage_daily WHERE day >= ? AND day <= ? ORDER BY day, pc_id')
    .all(figures.days[0]!.day, figures.days.at(-1)!.day) as Array<{ day: string; pc_id: string; metric: string; value: number }>;
  const byDayPc = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${r.day}\u0000${r.pc_id}`;
    const sums = byDayPc.get(key) ?? new Map<string, number>();
    sums.set(r.metric, r.value);
    byDayPc.set(key, sums);
  }
  const lines: string[][] = [CSV_COLUMNS.map((c) => t(c))];
  for (const [key, sums] of byDayPc) {
    const [day, pcId] = key.split('\u0000') as [string, string];
    const f = figureSet(sums);
    const remote = remoteTotals(sums);
    lines.push([
      day,
      defuse(names.get(pcId) ?? pcId),
      String(f.sessions),
      String(f.booked),
      String(f.walkIns),
      String(f.minutes),
      f.sessions > 0 ? decimalText(oneDecimal(f.minutes, f.sessions), options.decimal) : '',
      String(f.helpCalls),
      String(f.helpCancelled),
      String(f.noShows),
      String(f.pages),
      String(remote.calls),
      remote.answered > 0 ? decimalText(oneDecimal(remote.waitSeconds, remote.answered * 60), options.decimal) : '',
      decimalText(oneDecimal(remote.sharedSeconds, 60), options.decimal),
      String(f.feedback.good),
      String(f.feedback.ok),
      String(f.feedback.bad),
    ]);
  }
  return { csv: csvDocument(lines, options.decimal), month: figures.month };
}
