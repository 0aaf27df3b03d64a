import { describe, expect, it } from 'vitest';
import type { BookingView } from '../../../preload/hub-contract';
import { currentAndNext } from '../../../renderer/advisor/pc-bookings';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 23, 10, 0);
const booking = (id: string, startsIn: number, minutes: number): BookingView => ({
  id,
  pcId: 'pc-1',
  startsAt: NOW + startsIn * MINUTE,
  endsAt: NOW + (startsIn + minutes) * MINUTE,
});

describe('a PC\'s bookings on its card in the console', () => {
  const early = booking('a', 4, 60);
  const later = booking('b', 90, 60);

  it('a resident who checked in early with their code is using their booking: it is not "next"', () => {
    const session = { kind: 'booked' as const, startedAt: NOW - MINUTE, endsAt: early.endsAt };
    expect(currentAndNext([early, later], session, NOW)).toEqual({ current: early, next: later });
  });

  it('before anyone checks in, the booking that starts in a few minutes is the next one', () => {
    expect(currentAndNext([early, later], undefined, NOW)).toEqual({ next: early });
  });

  it('a walk-in running now does not take the next booking for its own', () => {
    const walkIn = { kind: 'walk-in' as const, startedAt: NOW - 10 * MINUTE, endsAt: early.startsAt };
    expect(currentAndNext([early, later], walkIn, NOW)).toEqual({ next: early });
  });

  it('a booked session ending as the next booking starts leaves that booking next', () => {
    const now = booking('now', -30, 34);
    const session = { kind: 'booked' as const, startedAt: now.startsAt, endsAt: now.endsAt };
    const following = booking('c', 4, 30);
    expect(currentAndNext([now, following], session, NOW)).toEqual({ current: now, next: following });
  });
});
