import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decidePrint,
  failureFromReasons,
  isFinished,
  MAX_SEND_ATTEMPTS,
  pagesLeft,
  parsePageRange,
  startJob,
  stepJob,
  type JobEffect,
  type JobInput,
  type JobState,
} from '../../../main/core/print-limits';

describe('page ranges as a resident types them', () => {
  it('reads single pages, ranges, spaces and en dashes, in document order, each once', () => {
    expect(parsePageRange('2-3', 5)).toEqual({ ok: true, pages: [2, 3] });
    expect(parsePageRange(' 5, 1 – 2 ,2 ', 5)).toEqual({ ok: true, pages: [1, 2, 5] });
    // As typed on an Arabic keyboard: the Arabic comma and Arabic-Indic digits.
    expect(parsePageRange('٢-٣ ، 5', 5)).toEqual({ ok: true, pages: [2, 3, 5] });
    expect(parsePageRange('4', 5)).toEqual({ ok: true, pages: [4] });
  });

  it('refuses what it cannot print, saying why', () => {
    expect(parsePageRange('', 5)).toEqual({ ok: false, problem: 'empty' });
    expect(parsePageRange('2-', 5)).toEqual({ ok: false, problem: 'syntax' });
    expect(parsePageRange('a', 5)).toEqual({ ok: false, problem: 'syntax' });
    expect(parsePageRange('0', 5)).toEqual({ ok: false, problem: 'out-of-document' });
    expect(parsePageRange('4-6', 5)).toEqual({ ok: false, problem: 'out-of-document' });
    expect(parsePageRange('3-2', 5)).toEqual({ ok: false, problem: 'reversed' });
  });

  it('property: every accepted page is inside the document, sorted and unique', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 50 }), (text, count) => {
        const r = parsePageRange(text, count);
        if (!r.ok) return;
        expect(r.pages.length).toBeGreaterThan(0);
        for (const [i, p] of r.pages.entries()) {
          expect(p).toBeGreaterThanOrEqual(1);
          expect(p).toBeLessThanOrEqual(count);
          if (i > 0) expect(p).toBeGreaterThan(r.pages[i - 1]!);
        }
      }),
    );
  });

  it('property: a range "a-b" inside the document gives exactly b-a+1 pages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 50 }), (a, len) => {
        const r = parsePageRange(`${a}-${a + len}`, 400);
        expect(r).toEqual({ ok: true, pages: Array.from({ length: len + 1 }, (_, i) => a + i) });
      }),
    );
  });
});

describe('limits', () => {
  const limits = { perSession: 20, perPcPerDay: 50 };

  it('allows within both limits, names the one that bites, and asks for release over N', () => {
    expect(decidePrint(5, 2, { session: 0, today: 0 }, limits)).toEqual({ allowed: true, sheets: 10, needsRelease: false });
    expect(decidePrint(5, 1, { session: 16, today: 16 }, limits)).toEqual({ allowed: false, reason: 'session-limit', left: 4 });
    expect(decidePrint(5, 1, { session: 0, today: 48 }, limits)).toEqual({ allowed: false, reason: 'day-limit', left: 2 });
    expect(decidePrint(500, 1, { session: 0, today: 0 }, { perSession: 1000, perPcPerDay: 1000 })).toMatchObject({ allowed: false, reason: 'too-long' });
    expect(decidePrint(3, 11, { session: 0, today: 0 }, limits)).toMatchObject({ allowed: false, reason: 'too-many-copies' });
    expect(decidePrint(11, 1, { session: 0, today: 0 }, { ...limits, releaseOver: 10 })).toMatchObject({ allowed: true, needsRelease: true });
    expect(decidePrint(10, 1, { session: 0, today: 0 }, { ...limits, releaseOver: 10 })).toMatchObject({ allowed: true, needsRelease: false });
  });

  it('property: an allowed job never takes the counts past either limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (pages, copies, session, today, perSession, perPcPerDay) => {
          const counts = { session, today };
          const l = { perSession, perPcPerDay };
          const d = decidePrint(pages, copies, counts, l);
          if (d.allowed) {
            expect(session + d.sheets).toBeLessThanOrEqual(perSession);
            expect(today + d.sheets).toBeLessThanOrEqual(perPcPerDay);
            expect(d.sheets).toBeLessThanOrEqual(pagesLeft(counts, l));
          } else {
            expect(d.left).toBe(pagesLeft(counts, l));
          }
        },
      ),
    );
  });
});

describe('a job\'s life', () => {
  it('sends, is accepted (pages counted once), and prints', () => {
    let s = startJob(false);
    expect(s.effects).toEqual([{ type: 'send' }]);
    s = stepJob(s.state, { type: 'accepted', jobId: 7 }, 4);
    expect(s).toEqual({ state: { state: 'printing', jobId: 7 }, effects: [{ type: 'count', sheets: 4 }] });
    s = stepJob(s.state, { type: 'job-completed' }, 4);
    expect(s.state).toEqual({ state: 'printed', jobId: 7 });
  });

  it('after an unanswered send it asks the printer first, and sends again only if the job is not there', () => {
    let s = startJob(false);
    s = stepJob(s.state, { type: 'send-uncertain' }, 2);
    expect(s.effects).toEqual([{ type: 'ask-printer' }]);
    const found = stepJob(s.state, { type: 'checked', jobId: 3 }, 2);
    expect(found).toEqual({ state: { state: 'printing', jobId: 3 }, effects: [{ type: 'count', sheets: 2 }] });
    const notThere = stepJob(s.state, { type: 'checked', jobId: undefined }, 2);
    expect(notThere).toEqual({ state: { state: 'sending', attempt: 2 }, effects: [{ type: 'send' }] });
    expect(stepJob(s.state, { type: 'check-failed', failure: 'unreachable' }, 2).state).toEqual({ state: 'failed', failure: 'unreachable' });
  });

  it('waits for release, and a cancel while waiting sends nothing', () => {
    const s = startJob(true);
    expect(s).toEqual({ state: { state: 'waiting-release' }, effects: [] });
    expect(stepJob(s.state, { type: 'cancel' }, 1)).toEqual({ state: { state: 'cancelled' }, effects: [] });
    expect(stepJob(s.state, { type: 'released' }, 1).effects).toEqual([{ type: 'send' }]);
  });

  it('a cancel while printing cancels at the printer', () => {
    expect(stepJob({ state: 'printing', jobId: 9 }, { type: 'cancel' }, 1)).toEqual({ state: { state: 'cancelled' }, effects: [{ type: 'cancel-at-printer', jobId: 9 }] });
  });

  const inputs: fc.Arbitrary<JobInput> = fc.oneof(
    fc.constant<JobInput>({ type: 'released' }),
    fc.constant<JobInput>({ type: 'cancel' }),
    fc.integer({ min: 1, max: 5 }).map<JobInput>((jobId) => ({ type: 'accepted', jobId })),
    fc.constant<JobInput>({ type: 'send-uncertain' }),
    fc.constant<JobInput>({ type: 'send-failed', failure: 'unreachable' }),
    fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }).map<JobInput>((jobId) => ({ type: 'checked', jobId })),
    fc.constant<JobInput>({ type: 'check-failed', failure: 'timeout' }),
    fc.constant<JobInput>({ type: 'job-completed' }),
    fc.constant<JobInput>({ type: 'job-aborted', failure: 'media-empty' }),
  );

  it('property: pages are counted at most once, sends never exceed the limit, and a send follows an uncertain one only after a check found nothing', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(inputs, { maxLength: 30 }), (release, seq) => {
        let { state, effects } = startJob(release);
        const all: JobEffect[] = [...effects];
        for (const input of seq) {
          const before: JobState = state;
          ({ state, effects } = stepJob(state, input, 3));
          if (effects.some((e) => e.type === 'send') && before.state === 'checking') {
            expect(input).toEqual({ type: 'checked', jobId: undefined });
          }
          if (isFinished(before)) expect(effects).toEqual([]);
          all.push(...effects);
        }
        expect(all.filter((e) => e.type === 'count').length).toBeLessThanOrEqual(1);
        expect(all.filter((e) => e.type === 'send').length).toBeLessThanOrEqual(MAX_SEND_ATTEMPTS);
      }),
    );
  });
});

it('reads the printer reasons that stop a job', () => {
  expect(failureFromReasons(['media-empty-error'])).toBe('media-empty');
  expect(failureFromReasons(['media-jam'])).toBe('media-jam');
  expect(failureFromReasons(['toner-low-report'])).toBeUndefined();
});
