/**
 * A body nested thousands deep (about 10 KB) used to overflow the stack
 * of the city receiver and the hub: a 500 and an error in the log for
 * every such request, even a sign-in without any credentials. Now both
 * refuse it with a 400 before parsing it, and log no error.
 */
import { afterEach, expect, it } from 'vitest';
import { describe } from 'vitest';
import { startCity } from './city-support';
import { request, startHub, stopAll } from './hub-support';

afterEach(stopAll);

const DEEP_ARRAY = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;

describe('a deeply nested JSON body', () => {
  it('the city receiver answers 400 on sign-in and on the figures endpoint, and logs no error', async () => {
    const city = await startCity('sqlite');
    const token = await city.addSite('kemijarvi');
    const target = { address: city.address, caPem: city.caPem };
    for (const raw of [DEEP_ARRAY, DEEP_OBJECT]) {
      const signIn = await request(target, 'POST', '/api/session', { raw, headers: { origin: city.origin } });
      expect(signIn.status, signIn.text).toBe(400);
      expect(signIn.body).toEqual({ error: 'too-deep', message: "The body's JSON is nested more than 32 levels deep; no request here needs that." });
      const figures = await city.send(token, raw);
      expect(figures.status, figures.text).toBe(400);
      expect(figures.body).toMatchObject({ error: 'too-deep' });
    }
    expect(city.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    // An ordinary sign-in still works.
    expect(await city.signIn()).toMatch(/^__Host-tupa_city_session=/);
  });

  it('the site hub answers 400 on sign-in and on the advisor API, and logs no error', async () => {
    const th = await startHub();
    for (const raw of [DEEP_ARRAY, DEEP_OBJECT]) {
      const signIn = await request(th, 'POST', '/api/session', { raw });
      expect(signIn.status, signIn.text).toBe(400);
      expect(signIn.body).toMatchObject({ message: "The body's JSON is nested more than 32 levels deep; no request here needs that." });
      const booking = await request(th, 'POST', '/api/bookings', { raw, headers: { authorization: 'Bearer nobody' } });
      expect(booking.status).toBeLessThan(500);
    }
    expect(th.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
