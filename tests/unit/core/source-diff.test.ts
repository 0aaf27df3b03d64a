import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutsideBooking } from '../../../main/core/booking-source';
import { diffSource, sourceWindow, type KnownBooking } from '../../../main/core/source-diff';

const H = 3_600_000;
const window = { from: 0, to: 100 * H };
const known = (outsideId: string, startsAt: number, endsAt: number, extra: Partial<KnownBooking> = {}): KnownBooking => ({
  id: `b-${outsideId}`,
  outsideId,
  pcId: 'pc-1',
  startsAt,
  endsAt,
  code: undefined,
  cancelled: false,
  ...extra,
});
const outside = (outsideId: string, startsAt: number, endsAt: number, extra: Partial<OutsideBooking> = {}): OutsideBooking => ({ outsideId, pcId: 'pc-1', startsAt, endsAt, ...extra });

describe('a source snapshot against the bookings it made', () => {
  it('adds new ones, moves one with the same id and new times, cancels one gone from the window, fills a code in later', () => {
    const diff = diffSource(
      [known('1', 10 * H, 11 * H), known('2', 12 * H, 13 * H), known('3', 14 * H, 15 * H), known('4', 16 * H, 17 * H)],
      [outside('1', 10 * H, 11 * H), outside('2', 12 * H, 14 * H), outside('4', 16 * H, 17 * H, { code: '0123' }), outside('5', 20 * H, 21 * H)],
      window,
    );
    expect(diff.add.map((b) => b.outsideId)).toEqual(['5']);
    expect(diff.move).toEqual([{ id: 'b-2', to: outside('2', 12 * H, 14 * H) }]);
    expect(diff.cancel.map((k) => k.id)).toEqual(['b-3']);
    expect(diff.recode).toEqual([{ id: 'b-4', code: '0123' }]);
    expect(diff.unchanged).toBe(1);
  });

  it('leaves a booking that ended before the window, and restores one cancelled here that the source holds again', () => {
    const diff = diffSource([known('old', -5 * H, -4 * H), known('back', 10 * H, 11 * H, { cancelled: true })], [outside('back', 10 * H, 11 * H)], window);
    expect(diff.cancel).toEqual([]);
    expect(diff.restore.map((r) => r.id)).toEqual(['b-back']);
  });

  it('keeps the first of an id given twice, and says so', () => {
    const diff = diffSource([], [outside('7', 1 * H, 2 * H), outside('7', 3 * H, 4 * H)], window);
    expect(diff.add).toEqual([outside('7', 1 * H, 2 * H)]);
    expect(diff.problems).toEqual([{ where: 'reservation 7', reason: 'appears twice in the answer; the first is kept' }]);
  });

  it('property: applying the diff gives exactly the snapshot, and a second diff against it changes nothing', () => {
    const booking = fc.record({ id: fc.integer({ min: 1, max: 30 }), start: fc.integer({ min: 0, max: 90 }), len: fc.integer({ min: 1, max: 5 }), code: fc.option(fc.constantFrom('1234', '0007', '123456'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(booking, { maxLength: 20 }), fc.array(booking, { maxLength: 20 }), (before, after) => {
        const uniq = <T extends { id: number }>(list: T[]) => [...new Map(list.map((b) => [b.id, b])).values()];
        const k = uniq(before).map((b) => known(String(b.id), b.start * H, (b.start + b.len) * H, { code: b.code }));
        const snap = uniq(after).map((b) => outside(String(b.id), b.start * H, (b.start + b.len) * H, b.code ? { code: b.code } : {}));
        const diff = diffSource(k, snap, window);
        // Apply it to a copy.
        const next = new Map(k.map((b) => [b.id, { ...b }]));
        for (const b of diff.add) next.set(`b-${b.outsideId}`, known(b.outsideId, b.startsAt, b.endsAt, { code: b.code }));
        for (const { id, to } of [...diff.move, ...diff.restore]) Object.assign(next.get(id)!, { startsAt: to.startsAt, endsAt: to.endsAt, cancelled: false, code: to.code ?? next.get(id)!.code });
        for (const { id, code } of diff.recode) next.get(id)!.code = code;
        for (const c of diff.cancel) next.get(c.id)!.cancelled = true;
        const live = [...next.values()].filter((b) => !b.cancelled);
        expect(live.map((b) => b.outsideId).sort()).toEqual(snap.map((b) => b.outsideId).sort());
        const again = diffSource([...next.values()], snap, window);
        expect(again.add.length + again.move.length + again.restore.length + again.recode.length + again.cancel.length).toBe(0);
      }),
    );
  });

  it('fetches from the start of yesterday to daysAhead days after today, the same all day', () => {
    const day = 86_400_000;
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(sourceWindow(now, 14)).toEqual({ from: Date.parse('2026-12-05T00:00:00Z'), to: Date.parse('2026-12-06T00:00:00Z') + 15 * day });
    expect(sourceWindow(now + 13 * H, 14)).toEqual(sourceWindow(now, 14));
  });
});
