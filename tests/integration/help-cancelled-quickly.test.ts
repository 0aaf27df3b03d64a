/**
 * A help call the resident cancels unanswered within seconds (a mistap, a
 * change of mind) is counted apart at the hub, not as a help call: not in
 * the advisor's help calls, not in the figures the city receives.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { QUICK_CANCEL_SECONDS } from '../../main/core/help-calls';
import { advisorFigures } from '../../main/hub/figures-view';
import { siteDayAndHour } from '../../main/sync/figures';
import { startHub, stopAll, type TestHub } from './hub-support';

afterEach(stopAll);

const SECOND = 1000;

async function hubWithPc(): Promise<TestHub> {
  const th = await startHub();
  th.hub.services.pairLocal({ pcId: 'pc-1', name: 'Tietokone 1', room: 'Raatipirtti' });
  return th;
}

/** A call asked at `at`, then cancelled by the resident `after` later (acknowledged first, if `acknowledgedAfter`). */
function callCancelled(th: TestHub, at: number, after: number, acknowledgedAfter?: number): string {
  const help = th.hub.services.help;
  const id = randomUUID();
  help.request('pc-1', id, at, at);
  if (acknowledgedAfter !== undefined) help.acknowledge(id, 'neuvoja', at + acknowledgedAfter);
  help.cancel('pc-1', id, at + after);
  return id;
}

function cityRecords(th: TestHub, period: string): Record<string, string> {
  const rows = th.hub.store.db.prepare('SELECT metric, value FROM city_records WHERE period = ?').all(period) as Array<{ metric: string; value: string }>;
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

describe('help calls the resident cancels at once', () => {
  it('a call cancelled unanswered after 5 seconds is counted apart: not a help call for the advisor, the board or the city', async () => {
    const th = await hubWithPc();
    const at = systemClock.now() - 10 * 60 * SECOND;
    const quick = callCancelled(th, at, 5 * SECOND);
    const slow = callCancelled(th, at + SECOND, (QUICK_CANCEL_SECONDS + 15) * SECOND);
    const answered = callCancelled(th, at + 2 * SECOND, 10 * SECOND, 4 * SECOND);

    expect(th.hub.store.helpCall(quick)!.cancelledQuickly).toBe(true);
    expect(th.hub.store.helpCall(slow)!.cancelledQuickly).toBeUndefined();
    expect(th.hub.store.helpCall(answered)!.cancelledQuickly).toBeUndefined();

    // The advisor's figures: two help calls, one cancelled at once.
    const figures = advisorFigures(th.hub.store, systemClock.now());
    expect(figures.site.today).toMatchObject({ helpCalls: 2, helpCancelled: 1 });
    expect(figures.pcs.find((p) => p.id === 'pc-1')!.today).toMatchObject({ helpCalls: 2, helpCancelled: 1 });
    // Today's count on the live board says the same.
    expect(th.hub.services.board('neuvoja').counts.helpCalls).toBe(2);

    // The city gets two help calls, and nothing of the cancelled one.
    const day = siteDayAndHour(at, 'Europe/Helsinki').day;
    const daily = cityRecords(th, day);
    expect(daily['help-calls']).toBe('2');
    const all = th.hub.store.db.prepare("SELECT DISTINCT metric FROM city_records WHERE metric LIKE '%cancel%'").all();
    expect(all).toEqual([]);
  });

  it('a call cancelled exactly at the limit is counted apart, one a second later is a help call', async () => {
    const th = await hubWithPc();
    const at = systemClock.now() - 10 * 60 * SECOND;
    const atLimit = callCancelled(th, at, QUICK_CANCEL_SECONDS * SECOND);
    const past = callCancelled(th, at + SECOND, (QUICK_CANCEL_SECONDS + 1) * SECOND);
    expect(th.hub.store.helpCall(atLimit)!.cancelledQuickly).toBe(true);
    expect(th.hub.store.helpCall(past)!.cancelledQuickly).toBeUndefined();
    expect(advisorFigures(th.hub.store, systemClock.now()).site.today).toMatchObject({ helpCalls: 1, helpCancelled: 1 });
  });

  it('the console\'s and the spreadsheet\'s column name the same number of seconds as the rule', () => {
    const locales = resolve(import.meta.dirname, '../../resources/locales');
    for (const [folder, languages] of [
      ['advisor', ['fi', 'sv', 'en', 'se']],
      ['figures', ['fi', 'sv', 'en']],
    ] as const) {
      for (const lng of languages) {
        const catalogue = JSON.parse(readFileSync(join(locales, folder, `${lng}.json`), 'utf8')) as { figures?: { helpCancelled?: string }; helpCancelled?: string };
        const label = folder === 'advisor' ? catalogue.figures?.helpCancelled : catalogue.helpCancelled;
        expect(label, `${folder}/${lng}`).toContain(`${QUICK_CANCEL_SECONDS} s`);
      }
    }
  });
});
