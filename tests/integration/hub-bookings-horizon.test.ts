/**
 * Bookings have a horizon (the site policy's bookings.maxDaysAhead, 60 days
 * by default): the advisor cannot book a PC years ahead by mistake (2029
 * used to be accepted). The refusal says the limit, in the hub's words and
 * in the console's language.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { HubRequestError } from '../../renderer/advisor/api';
import { describeError } from '../../renderer/advisor/errors';
import type { Tr } from '../../renderer/advisor/i18n';
import { signIn, startHub, stopAll } from './hub-support';

afterEach(stopAll);

const ZONE = 'Europe/Helsinki';
/** A site day `days` from today, at a wall-clock time, as the console sends it. */
const dayAhead = (days: number, time: string) => `${DateTime.now().setZone(ZONE).plus({ days }).toFormat('yyyy-MM-dd')}T${time}`;

function finnish(): Tr {
  const catalogue = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../..'), 'resources/locales/advisor/fi.json'), 'utf8')) as Record<string, unknown>;
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'fi', resources: { fi: { translation: catalogue } }, interpolation: { escapeValue: false }, initAsync: false });
  return (key, values) => i18n.t(key, values ?? {});
}

describe('the booking horizon', () => {
  it('the advisor books up to 60 days ahead by default; 2029 is refused with the limit named', async () => {
    const th = await startHub();
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'Kone 1', room: 'Sali' });
    const advisor = await signIn(th);
    const ok = await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: dayAhead(60, '22:00'), end: dayAhead(60, '23:00') });
    expect(ok.status, ok.text).toBe(200);

    const far = await advisor.call<{ error: string; field: string; message: string }>('POST', '/api/bookings', { pcId: 'pc-1', start: '2029-03-01T10:00', end: '2029-03-01T11:00' });
    expect(far.status).toBe(400);
    expect(far.body).toEqual({
      error: 'too-far-ahead',
      field: 'start',
      message: `bookings can start at most 60 days ahead, on ${DateTime.now().setZone(ZONE).plus({ days: 60 }).toFormat('yyyy-MM-dd')} at the latest (the site policy's bookings.maxDaysAhead)`,
    });
    expect((await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: dayAhead(61, '08:00'), end: dayAhead(61, '09:00') })).status).toBe(400);
    // The console says it in its own language, with the limit.
    expect(describeError(new HubRequestError(far.status, far.body), finnish())).toBe('Varaus voi alkaa enintään 60 päivän päästä. Valitse aiempi päivä.');
  });

  it('a site policy of 7 days: a booking moved beyond it is refused and stays where it was', async () => {
    const th = await startHub({ policy: { bookings: { maxDaysAhead: 7 } } });
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'Kone 1', room: 'Sali' });
    const advisor = await signIn(th);
    const made = await advisor.call<{ booking: { id: string; startsAt: number } }>('POST', '/api/bookings', { pcId: 'pc-1', start: dayAhead(7, '10:00'), end: dayAhead(7, '11:00') });
    expect(made.status, made.text).toBe(200);
    const moved = await advisor.call<{ error: string; message: string }>('PUT', `/api/bookings/${made.body.booking.id}`, { start: dayAhead(8, '10:00'), end: dayAhead(8, '11:00') });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({ error: 'too-far-ahead', message: expect.stringContaining('at most 7 days ahead') });
    expect(th.hub.store.booking(made.body.booking.id)?.startsAt).toBe(made.body.booking.startsAt);
  });
});
