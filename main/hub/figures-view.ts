import { DateTime } from 'luxon';
import type { FigureSet, Figures } from '../../preload/hub-contract';
import { HubError } from './bookings';
import type { HubStore } from './hub-store';
import { citySyncStatus } from '../sync/city-sync';
import { dailyTotals, siteDayAndHour } from '../sync/figures';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A figure set from summed daily metrics. */
export function figureSet(sums: ReadonlyMap<string, number>): FigureSet {
  const get = (m: string) => sums.get(m) ?? 0;
  const totals = dailyTotals(sums);
  return {
    sessions: totals.sessions,
    booked: get('sessions.booked'),
    walkIns: get('sessions.walk-in'),
    minutes: totals.minutes,
    helpCalls: totals['help-calls'],
    noShows: totals['no-shows'],
    feedback: { good: get('feedback.good'), ok: get('feedback.ok'), bad: get('feedback.bad') },
  };
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
  const city = citySyncStatus(store.db);
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
