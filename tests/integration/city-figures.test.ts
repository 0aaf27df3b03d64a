/**
 * The sites' figures reaching the city receiver over real HTTPS: stored
 * once, repeated batches and older revisions changing nothing, newer ones
 * replacing; every kind of bad batch refused with its status and message,
 * and nothing of it stored. The same cases on SQLite and on PostgreSQL.
 */
import { afterEach, expect, it } from 'vitest';
import { MAX_BATCH_RECORDS } from '../../preload/city-contract';
import { batch, cell, day, describeStorages, startCity, stopAll, type TestCity } from './city-support';

afterEach(stopAll);

/** What the store holds for a site, as (period metric) → value. */
async function held(city: TestCity, site: string): Promise<Record<string, number | null>> {
  const figures = await city.receiver.store.monthFigures('2000-01', '2100-01');
  return Object.fromEntries(figures.filter((f) => f.site === site).map((f) => [`${f.month} ${f.metric}`, f.value]));
}

const GOOD = [day('2026-05-04', 'sessions', 12), day('2026-05-04', 'minutes', 540), day('2026-05-05', 'sessions', 3), cell('2026-05', 'feedback.good', 7), cell('2026-05', 'language.so', '<5')];

describeStorages('figures from a site', ({ kind }) => {
  it('stores an accepted batch and answers how many records it stored', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    const answer = await city.send(token, batch('kemijarvi', GOOD));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ stored: 5, unchanged: 0 });
    expect(await held(city, 'kemijarvi')).toEqual({
      '2026-05 sessions': 15,
      '2026-05 minutes': 540,
      '2026-05 feedback.good': 7,
      '2026-05 language.so': null,
    });
    expect(await city.receiver.store.figureCount('kemijarvi')).toBe(5);
    const [site] = await city.receiver.store.sites();
    expect(site).toMatchObject({ id: 'kemijarvi', lastSyncAt: city.clock.now() });
  });

  it('a repeated batch changes nothing and doubles nothing', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    const sent = batch('kemijarvi', GOOD);
    expect((await city.send(token, sent)).body).toEqual({ stored: 5, unchanged: 0 });
    const before = await held(city, 'kemijarvi');
    city.clock.at += 60_000;
    // The very same batch (a retry after a lost answer), and the same records under a new batch id.
    expect((await city.send(token, sent)).body).toEqual({ stored: 0, unchanged: 5 });
    expect((await city.send(token, batch('kemijarvi', GOOD))).body).toEqual({ stored: 0, unchanged: 5 });
    expect(await held(city, 'kemijarvi')).toEqual(before);
    expect(await city.receiver.store.figureCount()).toBe(5);
  });

  it('keeps the highest revision: an older one after a newer one is ignored, a newer one replaces', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    expect((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 12, 3), cell('2026-05', 'feedback.good', 9, 3)]))).body).toEqual({ stored: 2, unchanged: 0 });
    // Revision 2 arrives late (reordered, or replayed from an old outbox): ignored.
    expect((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 10, 2), cell('2026-05', 'feedback.good', '<5', 2)]))).body).toEqual({ stored: 0, unchanged: 2 });
    expect(await held(city, 'kemijarvi')).toEqual({ '2026-05 sessions': 12, '2026-05 feedback.good': 9 });
    // Revision 4 (a late event added to the day): replaces, "<5" included.
    expect((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 14, 4), cell('2026-05', 'feedback.good', '<5', 4)]))).body).toEqual({ stored: 2, unchanged: 0 });
    expect(await held(city, 'kemijarvi')).toEqual({ '2026-05 sessions': 14, '2026-05 feedback.good': null });
    // The same revision again with another value is a repeat, not a change.
    expect((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 99, 4)]))).body).toEqual({ stored: 0, unchanged: 1 });
    expect(await held(city, 'kemijarvi')).toEqual({ '2026-05 sessions': 14, '2026-05 feedback.good': null });
  });

  it('keeps each site to its own figures', async () => {
    const city = await startCity(kind);
    const kemi = await city.addSite('kemijarvi');
    const kouvola = await city.addSite('kouvola');
    await city.send(kemi, batch('kemijarvi', [day('2026-05-04', 'sessions', 12)]));
    await city.send(kouvola, batch('kouvola', [day('2026-05-04', 'sessions', 30)]));
    expect(await held(city, 'kemijarvi')).toEqual({ '2026-05 sessions': 12 });
    expect(await held(city, 'kouvola')).toEqual({ '2026-05 sessions': 30 });
  });

  it('accepts tomorrow (a site ahead of the receiver) and this month, up to the limit of records', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    expect((await city.send(token, batch('kemijarvi', [day('2026-06-16', 'sessions', 1), cell('2026-06', 'hour.09', 5)]))).status).toBe(200);
    // 28 days × 4 metrics a month, from January 2025 on: every key once.
    const pad = (n: number) => String(n).padStart(2, '0');
    const metrics = ['sessions', 'minutes', 'help-calls', 'no-shows'];
    const full = Array.from({ length: MAX_BATCH_RECORDS }, (_, i) => day(`2025-${pad(1 + Math.floor(i / 112))}-${pad(1 + ((i % 112) % 28))}`, metrics[Math.floor((i % 112) / 28)]!, i, 1));
    const answer = await city.send(token, batch('kemijarvi', full));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ stored: MAX_BATCH_RECORDS, unchanged: 0 });
  });

  // ---- refused batches: the status, the message, and nothing stored ----------------------------------

  /** Sends a batch that must be refused after a good one: the good one's figures stay exactly as they were. */
  async function refused(city: TestCity, token: string | undefined, body: unknown, headers: Record<string, string> = {}) {
    const good = await city.addSite('kemijarvi').catch(() => undefined);
    if (good) expect((await city.send(good, batch('kemijarvi', [day('2026-05-04', 'sessions', 12, 1)]))).status).toBe(200);
    const before = await held(city, 'kemijarvi');
    const count = await city.receiver.store.figureCount();
    const answer = await city.send(token ?? good, body, { headers });
    expect(await held(city, 'kemijarvi')).toEqual(before);
    expect(await city.receiver.store.figureCount()).toBe(count);
    return { answer, token: good! };
  }

  it('refuses malformed JSON with 400', async () => {
    const city = await startCity(kind);
    const { answer } = await refused(city, undefined, '{"version": 1, "site": "kemijarvi", "records": [');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'malformed-json', message: expect.stringMatching(/not valid JSON/) });
  });

  it('refuses a batch without a token, or with a wrong one, with 401', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 12)]));
    const count = await city.receiver.store.figureCount();
    const missing = await city.send(undefined, batch('kemijarvi', [day('2026-05-04', 'sessions', 99, 2)]));
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(/token is missing.*Authorization: Bearer/) });
    const wrong = await city.send(`${token.slice(0, -2)}xx`, batch('kemijarvi', [day('2026-05-04', 'sessions', 99, 2)]));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(/token is not valid/) });
    const notBearer = await city.send(undefined, batch('kemijarvi', [day('2026-05-04', 'sessions', 99, 2)]), { headers: { authorization: `Basic ${token}` } });
    expect(notBearer.status).toBe(401);
    expect(await city.receiver.store.figureCount()).toBe(count);
    expect(await held(city, 'kemijarvi')).toEqual({ '2026-05 sessions': 12 });
  });

  it("refuses a batch for another site than the token's with 403", async () => {
    const city = await startCity(kind);
    await city.addSite('kouvola');
    const kemi = await city.addSite('kemijarvi');
    const answer = await city.send(kemi, batch('kouvola', [day('2026-05-04', 'sessions', 12)]));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: 'wrong-site', message: 'This token belongs to site "kemijarvi", not to "kouvola".', field: 'site' });
    expect(await city.receiver.store.figureCount()).toBe(0);
  });

  it('refuses a batch of 100,000 records with 413, saying the limit', async () => {
    const city = await startCity(kind);
    const records = Array.from({ length: 100_000 }, (_, i) => day(`2026-05-${String(1 + (i % 28)).padStart(2, '0')}`, 'sessions', 1, i + 1));
    const { answer } = await refused(city, undefined, batch('kemijarvi', records));
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: 'too-large', message: `The batch is larger than 512 KiB: a batch carries at most ${MAX_BATCH_RECORDS} records; send more as several batches.` });
  });

  it('refuses a batch of more than the most records that still fits in the body limit with 400', async () => {
    const city = await startCity(kind);
    const records = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, i) => day(`2026-05-${String(1 + (i % 28)).padStart(2, '0')}`, 'sessions', 1, i + 1));
    const { answer } = await refused(city, undefined, batch('kemijarvi', records));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid', field: 'records', message: `records: must have at most ${MAX_BATCH_RECORDS} item(s)` });
  });

  it('refuses a day in the future, and a month after this one, with 400', async () => {
    const city = await startCity(kind);
    const { answer, token } = await refused(city, undefined, batch('kemijarvi', [day('2026-05-04', 'sessions', 13, 2), day('2026-06-17', 'sessions', 1)]));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'future', field: 'records[1].period', message: "records[1].period: 2026-06-17 is in the future (the receiver's date is 2026-06-15 in Europe/Helsinki)" });
    const month = await city.send(token, batch('kemijarvi', [cell('2026-07', 'feedback.good', 5)]));
    expect(month.status).toBe(400);
    expect(month.body).toMatchObject({ error: 'future', field: 'records[0].period' });
    const impossible = await city.send(token, batch('kemijarvi', [day('2026-02-30', 'sessions', 1)]));
    expect(impossible.body).toEqual({ error: 'invalid', field: 'records[0].period', message: 'records[0].period: 2026-02-30 is not a day in the calendar' });
    expect(await city.receiver.store.figureCount()).toBe(1);
  });

  it('refuses a negative count with 400', async () => {
    const city = await startCity(kind);
    const { answer } = await refused(city, undefined, batch('kemijarvi', [day('2026-05-04', 'sessions', 13, 2), day('2026-05-05', 'minutes', -30)]));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid', field: 'records[1].value', message: 'records[1].value: must not be negative (found -30)' });
  });

  it('refuses a breakdown cell of 3 sent as a number with 400, naming its path and the contract\'s rule', async () => {
    const city = await startCity(kind);
    const { answer } = await refused(city, undefined, batch('kemijarvi', [day('2026-05-04', 'sessions', 13, 2), cell('2026-05', 'feedback.good', 7), cell('2026-05', 'feedback.bad', 3)]));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid', field: 'records[2].value', message: 'records[2].value: a breakdown cell under 5 must be sent as "<5" (found 3)' });
  });

  it('refuses an unknown metric with 400', async () => {
    const city = await startCity(kind);
    const daily = await refused(city, undefined, batch('kemijarvi', [day('2026-05-04', 'sessions', 13, 2), day('2026-05-04', 'visitors', 4)]));
    expect(daily.answer.status).toBe(400);
    expect(daily.answer.body).toEqual({
      error: 'invalid',
      field: 'records[1].metric',
      message: 'records[1].metric: must be one of "sessions", "minutes", "help-calls", "no-shows", "pages", "remote-calls" (found "visitors")',
    });
    const monthly = await city.send(daily.token, batch('kemijarvi', [cell('2026-05', 'language.klingon', 5)]));
    expect(monthly.body).toEqual({ error: 'invalid', field: 'records[0].metric', message: 'records[0].metric: not a known breakdown metric (found "language.klingon")' });
    expect(await city.receiver.store.figureCount()).toBe(1);
  });

  it('refuses other mistakes precisely: a period of neither kind, an unknown field, a duplicate key, a wrong version', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    const cases: Array<[unknown, object]> = [
      [batch('kemijarvi', [day('2026-5-4', 'sessions', 1)]), { field: 'records[0].period', message: 'records[0].period: must be a day (YYYY-MM-DD, for a daily total) or a month (YYYY-MM, for a breakdown cell) (found "2026-5-4")' }],
      [batch('kemijarvi', [{ ...day('2026-05-04', 'sessions', 1), resident: 'Matti' }]), { field: 'records[0]', message: 'records[0]: unknown field "resident"' }],
      [batch('kemijarvi', [day('2026-05-04', 'sessions', 1), day('2026-05-04', 'sessions', 2)]), { error: 'duplicate', field: 'records[1]' }],
      [{ ...batch('kemijarvi', [day('2026-05-04', 'sessions', 1)]), version: 2 }, { field: 'version', message: 'version: must be 1 (found 2)' }],
      [{ ...batch('kemijarvi', [day('2026-05-04', 'sessions', 1)]), batchId: 'x' }, { field: 'batchId', message: 'batchId: must be a UUID (found "x")' }],
      [batch('kemijarvi', []), { field: 'records', message: 'records: must have at least 1 item(s)' }],
      [[1, 2, 3], { field: '(body)' }],
    ];
    for (const [body, expected] of cases) {
      const answer = await city.send(token, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body).toMatchObject(expected);
    }
    expect(await city.receiver.store.figureCount()).toBe(0);
  });

  it('a new token for a site works at once, and the old one no longer does', async () => {
    const city = await startCity(kind);
    const old = await city.addSite('kemijarvi');
    const { newSiteToken } = await import('../../main/city/accounts');
    const fresh = await newSiteToken(city.receiver.store, 'kemijarvi', 'test', city.clock.now());
    expect((await city.send(old, batch('kemijarvi', [day('2026-05-04', 'sessions', 1)]))).status).toBe(401);
    expect((await city.send(fresh, batch('kemijarvi', [day('2026-05-04', 'sessions', 1)]))).status).toBe(200);
  });

  it('audits and logs each accepted batch with the site, the counts and the batch id; never a token or a value', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    const sent = batch('kemijarvi', [day('2026-05-04', 'sessions', 4242)]);
    await city.send(token, sent);
    await city.send(token, sent);
    const audit = (await city.receiver.store.auditLog(10)).filter((a) => a.action === 'figures received');
    expect(audit).toEqual([
      { at: city.clock.now(), actor: 'site:kemijarvi', action: 'figures received', subject: 'kemijarvi', details: { batchId: sent.batchId, stored: 0, unchanged: 1 } },
      { at: city.clock.now(), actor: 'site:kemijarvi', action: 'figures received', subject: 'kemijarvi', details: { batchId: sent.batchId, stored: 1, unchanged: 0 } },
    ]);
    const accepted = city.logger.lines.filter((l) => l.msg === 'figures batch accepted');
    expect(accepted).toHaveLength(2);
    expect(accepted[0]).toMatchObject({ site: 'kemijarvi', batch: sent.batchId, records: 1, stored: 1, unchanged: 0 });
    await city.send('not-the-token', sent);
    const log = JSON.stringify(city.logger.lines);
    expect(log).not.toContain(token);
    expect(log).not.toContain('not-the-token');
    expect(log).not.toContain('4242');
  });

  it('limits the requests one address may make', async () => {
    const city = await startCity(kind, { limits: { requestsPerMinute: 5 } });
    const token = await city.addSite('kemijarvi');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 1)]))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 1)]));
    expect(limited.body).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(/Too many requests/) });
  });
});
