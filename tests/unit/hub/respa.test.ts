import { describe, expect, it } from 'vitest';
import { parseRespaPage, RespaParseError } from '../../../main/hub/sources/respa';
import { reservationUrl } from '../../../main/hub/sources/respa-client';

const settings = { map: { 'res-a': 'pc-1', 'res-b': 'pc-2' }, requested: false };
const item = (extra: Record<string, unknown>) => ({
  id: 1,
  resource: 'res-a',
  begin: '2026-12-07T10:00:00+02:00',
  end: '2026-12-07T11:00:00+02:00',
  state: 'confirmed',
  access_code: '0123',
  user: { display_name: 'Maija', email: 'maija@example.fi' },
  reserver_name: 'Maija',
  ...extra,
});
const page = (results: unknown[]) => JSON.stringify({ count: results.length, next: null, previous: null, results });

describe('Respa reservation pages', () => {
  it('keeps only ids, PC, times and the code (leading zero kept); nothing of the person', () => {
    const parsed = parseRespaPage(page([item({})]), settings);
    expect(parsed.bookings).toEqual([{ outsideId: '1', pcId: 'pc-1', startsAt: Date.parse('2026-12-07T08:00:00Z'), endsAt: Date.parse('2026-12-07T09:00:00Z'), code: '0123' }]);
    expect(JSON.stringify(parsed)).not.toMatch(/Maija|example\.fi/);
  });

  it('counts requested ones only when the source says so; cancelled and denied are not held', () => {
    const results = [item({ id: 1, state: 'requested' }), item({ id: 2, state: 'cancelled' }), item({ id: 3, state: 'denied' }), item({ id: 4 })];
    expect(parseRespaPage(page(results), settings).bookings.map((b) => b.outsideId)).toEqual(['4']);
    expect(parseRespaPage(page(results), { ...settings, requested: true }).bookings.map((b) => b.outsideId)).toEqual(['1', '4']);
  });

  it('a null code is allowed; times without an offset are UTC', () => {
    const [b] = parseRespaPage(page([item({ access_code: null, begin: '2026-12-07T10:00:00', end: '2026-12-07T11:00:00' })]), settings).bookings;
    expect(b).toEqual({ outsideId: '1', pcId: 'pc-1', startsAt: Date.parse('2026-12-07T10:00:00Z'), endsAt: Date.parse('2026-12-07T11:00:00Z') });
  });

  it('an unknown resource, an end before the start, a bad code or a bad time is a problem with its JSON path, not a crash', () => {
    const parsed = parseRespaPage(
      page([item({ id: 1, resource: 'res-x' }), item({ id: 2, end: '2026-12-07T09:00:00+02:00' }), item({ id: 3, access_code: '12a4' }), item({ id: 4, begin: 'tomorrow' }), item({ id: 5 })]),
      settings,
      20,
    );
    expect(parsed.problems).toEqual([
      { where: 'results[20].resource', reason: 'resource "res-x" is not in this source\'s map' },
      { where: 'results[21].end', reason: 'ends before it begins' },
      { where: 'results[22].access_code', reason: 'is not 4 or 6 digits' },
      { where: 'results[23].begin', reason: 'is not an ISO 8601 time' },
    ]);
    expect(parsed.bookings.map((b) => b.outsideId)).toEqual(['5']);
  });

  it('malformed JSON, an HTML page and a list of the wrong shape are refused with where and why', () => {
    expect(() => parseRespaPage('{"count": 3, "results": [', settings)).toThrow(RespaParseError);
    expect(() => parseRespaPage('<!DOCTYPE html><html></html>', settings)).toThrow(/HTML page/);
    expect(() => parseRespaPage('{"count": 1, "next": null, "results": {}}', settings)).toThrow(/^\$\.results: /);
  });

  it('the first page asks for every mapped resource and the window with its + encoded', () => {
    const url = reservationUrl('https://varaamo.example.fi/v1/', ['res-a', 'res-b'], { from: Date.parse('2026-12-05T00:00:00Z'), to: Date.parse('2026-12-21T00:00:00Z') });
    expect(url).toBe('https://varaamo.example.fi/v1/reservation/?resource=res-a%2Cres-b&start=2026-12-05T00%3A00%3A00.000%2B00%3A00&end=2026-12-21T00%3A00%3A00.000%2B00%3A00&page_size=500');
  });
});
