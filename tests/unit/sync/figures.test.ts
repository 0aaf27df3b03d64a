import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailyTotals, eventMetrics, monthlyBreakdown, remoteTotals, siteDayAndHour, suppress } from '../../../main/sync/figures';
import { BreakdownRecord, DELAY_BUCKETS, SMALL_CELL, SUPPRESSED, delayBucket } from '../../../preload/city-contract';

const ZONE = 'Europe/Helsinki';
// 2026-11-22 23:30 UTC is already 2026-11-23 01:30 in Helsinki.
const LATE_EVENING_UTC = Date.UTC(2026, 10, 22, 23, 30);

describe('usage events become daily metrics', () => {
  it('counts a session on its site day and hour, by kind and language', () => {
    expect(siteDayAndHour(LATE_EVENING_UTC, ZONE)).toEqual({ day: '2026-11-23', hour: '01' });
    expect(eventMetrics({ at: LATE_EVENING_UTC, type: 'session-started', data: { kind: 'walk-in', language: 'en-GB' } }, ZONE)).toEqual({
      day: '2026-11-23',
      add: [['sessions.walk-in', 1], ['language.en', 1], ['hour.01', 1]],
    });
  });

  it('adds minutes and the end reason, the feedback face, and help delays in fixed buckets', () => {
    const at = Date.UTC(2026, 5, 1, 9);
    expect(eventMetrics({ at, type: 'session-ended', data: { kind: 'booked', language: 'fi', minutes: 42, reason: 'time-up' } }, ZONE).add).toEqual([
      ['minutes', 42],
      ['end.time-up', 1],
    ]);
    expect(eventMetrics({ at, type: 'feedback', data: { score: 'ok' } }, ZONE).add).toEqual([['feedback.ok', 1]]);
    // A call counts when asked for; its outcome and delays when it closes.
    expect(eventMetrics({ at, type: 'help-requested', data: {} }, ZONE).add).toEqual([['help-calls', 1]]);
    expect(eventMetrics({ at, type: 'help-call', data: { outcome: 'resolved', toAcknowledgeSeconds: 45, toResolveSeconds: 700 } }, ZONE).add).toEqual([
      ['help-outcome.resolved', 1],
      ['help-acknowledged.30', 1],
      ['help-resolved.600', 1],
    ]);
    // A call cancelled before anyone came: counted, with no delays.
    expect(eventMetrics({ at, type: 'help-call', data: { outcome: 'cancelled' } }, ZONE).add).toEqual([['help-outcome.cancelled', 1]]);
    expect(eventMetrics({ at, type: 'something-new', data: {} }, ZONE).add).toEqual([]);
  });

  it('puts every delay in exactly one bucket, the highest lower bound it reaches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (s) => {
        const b = Number(delayBucket(s));
        expect(DELAY_BUCKETS).toContain(b);
        expect(s).toBeGreaterThanOrEqual(b);
        const next = DELAY_BUCKETS.find((x) => x > b);
        if (next !== undefined) expect(s).toBeLessThan(next);
      }),
    );
  });
});

describe('what leaves the site', () => {
  it('daily totals are exact: sessions of both kinds, minutes, help calls, no-shows', () => {
    const sums = new Map([
      ['sessions.booked', 3],
      ['sessions.walk-in', 1],
      ['minutes', 170],
      ['help-calls', 2],
      ['no-shows', 1],
      ['pages', 7],
      ['remote-calls', 2],
      ['remote-wait-seconds', 95],
      ['language.fi', 4],
    ]);
    expect(dailyTotals(sums)).toEqual({ sessions: 4, minutes: 170, 'help-calls': 2, 'no-shows': 1, pages: 7, 'remote-calls': 2 });
    expect(dailyTotals(new Map())).toEqual({ sessions: 0, minutes: 0, 'help-calls': 0, 'no-shows': 0, pages: 0, 'remote-calls': 0 });
  });

  it('a month with 3 Somali-language sessions leaves the site as "<5"', () => {
    const cells = monthlyBreakdown(new Map([['language.so', 3], ['language.fi', 41], ['sessions.booked', 44], ['minutes', 2000]]));
    expect(Object.fromEntries(cells)).toEqual({ 'language.so': SUPPRESSED, 'language.fi': 41 });
  });

  it('remote help\'s monthly wait and shown time leave the site only as totals of at least 5 calls', () => {
    // Three calls accepted, two of them shown: one call's wait or length could be read off, so "<5".
    const few = new Map([['remote-calls', 4], ['remote-wait.30', 2], ['remote-wait.60', 1], ['remote-wait-seconds', 150], ['remote-length.300', 2], ['remote-shared-seconds', 1300]]);
    expect(remoteTotals(few)).toEqual({ calls: 4, answered: 3, shown: 2, waitSeconds: 150, sharedSeconds: 1300 });
    expect(Object.fromEntries(monthlyBreakdown(few))).toEqual({
      'remote-wait.30': SUPPRESSED,
      'remote-wait.60': SUPPRESSED,
      'remote-length.300': SUPPRESSED,
      'remote-answered': SUPPRESSED,
      'remote-wait-seconds': SUPPRESSED,
      'remote-shared-seconds': SUPPRESSED,
    });
    // Six accepted and five shown: the totals travel, though each bucket is still under 5.
    const enough = new Map([['remote-calls', 7], ['remote-wait.30', 3], ['remote-wait.60', 3], ['remote-wait-seconds', 300], ['remote-length.300', 3], ['remote-length.600', 2], ['remote-shared-seconds', 2700]]);
    expect(Object.fromEntries(monthlyBreakdown(enough))).toMatchObject({ 'remote-wait.30': SUPPRESSED, 'remote-answered': 6, 'remote-wait-seconds': 300, 'remote-shared-seconds': 2700 });
  });

  it('no breakdown cell under 5 ever leaves as a number, and every cell passes the receiver\'s schema', () => {
    const metric = fc.constantFrom(
      'language.fi', 'language.so', 'hour.09', 'hour.23', 'feedback.good', 'end.idle', 'help-acknowledged.0', 'help-resolved.1800', 'minutes', 'sessions.booked', 'help-calls', 'no-shows',
      'remote-calls', 'remote-wait.30', 'remote-wait.600', 'remote-length.60', 'remote-outcome.declined', 'remote-wait-seconds', 'remote-shared-seconds',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(metric, fc.integer({ min: 0, max: 50 })), { maxLength: 40 }), (entries) => {
        const sums = new Map<string, number>();
        for (const [m, v] of entries) sums.set(m, (sums.get(m) ?? 0) + v);
        const remote = remoteTotals(sums);
        for (const [m, cell] of monthlyBreakdown(sums)) {
          expect(typeof cell === 'number' ? cell >= SMALL_CELL : cell === SUPPRESSED).toBe(true);
          // A remote total is a number only where at least 5 calls stand behind it.
          if (m === 'remote-wait-seconds' && typeof cell === 'number') expect(remote.answered).toBeGreaterThanOrEqual(SMALL_CELL);
          if (m === 'remote-shared-seconds' && typeof cell === 'number') expect(remote.shown).toBeGreaterThanOrEqual(SMALL_CELL);
          expect(BreakdownRecord.safeParse({ period: '2026-11', metric: m, value: cell, revision: 1 }).success).toBe(true);
        }
      }),
    );
  });

  it('suppresses below 5 and keeps 5 and above', () => {
    expect([0, 1, 4, 5, 6].map(suppress)).toEqual([SUPPRESSED, SUPPRESSED, SUPPRESSED, 5, 6]);
  });
});
