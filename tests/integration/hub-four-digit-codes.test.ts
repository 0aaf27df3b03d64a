/**
 * 4-digit codes (issue 12 item 3): a booking whose code has four digits, as
 * Respa/Varaamo gives them, reaches its PC with the length (never the code),
 * hashed with the PC's key as a 6-digit one is; the kiosk asks for four
 * digits and the resident checks in, leading zero kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashCode, pcCodeKey } from '../../main/core/codes';
import { scheduleFor } from '../../main/hub/booking-codes';
import { kioskMethods } from '../../preload/contract';
import { KioskStore } from '../../main/store/kiosk-store';
import { databaseFile } from '../../main/config/paths';
import { iso, startHub, startPc, stopAll, until, waitOnline, type TestHub } from './hub-support';

afterEach(stopAll);

const MINUTE = 60_000;

function book(th: TestHub, pcId: string, startsIn: number, code?: string, minutes = 30): { id: string; code: string } {
  const now = Date.now();
  const made = th.hub.services.bookings.create({ pcId, start: iso(now + startsIn), end: iso(now + startsIn + minutes * MINUTE) }, 'advisor:test', now, code);
  return { id: made.booking.id, code: made.code };
}

describe('4-digit booking codes from the hub to the kiosk', () => {
  it('a 4-digit code with a leading zero reaches the PC as a hash and a length, the kiosk asks for 4 digits, and it checks in', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const made = book(th, 'pc-1', MINUTE, '0427');
    expect(made.code).toBe('0427');
    await until('the PC has the booking', () => pc.core.store.bookings.get(made.id)?.cancelledAt === null);

    const stored = pc.core.store.bookings.get(made.id)!;
    expect(stored.codeLength).toBe(4);
    // Hashed with the PC's own key, exactly as a 6-digit code is; the leading zero is part of it.
    const key = pcCodeKey(th.hub.store.site()!.codeKey, 'pc-1');
    expect(stored.codeHash.equals(hashCode(key, '0427'))).toBe(true);
    expect(stored.codeHash.equals(hashCode(key, '427'))).toBe(false);
    await until('the welcome screen asks for 4 digits', () => pc.controller.snapshot().checkIn.codeLengths?.join() === '4');

    // Without its leading zero, or as six digits, it is simply a wrong code (counted by the throttle).
    expect(pc.controller.checkIn('0000', 'fi')).toMatchObject({ result: 'wrong-code' });
    expect(pc.controller.checkIn('000427', 'fi')).toMatchObject({ result: 'wrong-code' });
    expect(pc.controller.checkIn('0427', 'fi')).toEqual({ result: 'ok' });
    expect(pc.controller.phase).toBe('active');
  });

  it('a PC with a 4-digit and a 6-digit booking in their windows asks for 4 or 6, and keeps each length, never the code', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    // One running now (4 digits), the next from the minute it ends (6 digits): both codes work now (10 minutes early).
    const four = book(th, 'pc-1', -10 * MINUTE, '0815', 15);
    const six = book(th, 'pc-1', 5 * MINUTE);
    expect(six.code).toMatch(/^\d{6}$/);
    await until('both bookings arrived', () => pc.core.store.bookings.live('pc-1', Date.now()).length === 2);
    await until('the welcome screen asks for 4 or 6 digits', () => pc.controller.snapshot().checkIn.codeLengths?.join() === '4,6');
    expect(pc.core.store.bookings.get(four.id)!.codeLength).toBe(4);
    expect(pc.core.store.bookings.get(six.id)!.codeLength).toBe(6);
    // What the hub sends: the length of a 4-digit code; a 6-digit booking's entry unchanged (older PCs parse it).
    const entries = scheduleFor(th.hub.store, 'pc-1', 0);
    expect(entries.find((e) => e.id === four.id)).toMatchObject({ codeLength: 4 });
    expect(Object.keys(entries.find((e) => e.id === six.id)!).sort()).toEqual(['codeHash', 'endsAt', 'id', 'startsAt']);
    expect(JSON.stringify(entries)).not.toContain('0815');

    // What the PC keeps: the length, never the code.
    const store = new KioskStore(databaseFile(pc.dir), 'pc-1');
    try {
      const rows = store.db.prepare('SELECT * FROM bookings').all() as Array<Record<string, unknown>>;
      expect(rows.map((r) => r.code_length).sort()).toEqual([4, 6]);
      expect(JSON.stringify(rows)).not.toContain('0815');
    } finally {
      store.close();
    }
  });

  it('a 5-digit code is refused clearly: at the hub (field and reason) and at the kiosk API', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    expect(() => book(th, 'pc-1', MINUTE, '12345')).toThrow(/4 or 6 digits.*has 5/);
    let refused: unknown;
    try {
      book(th, 'pc-1', MINUTE, '12a4');
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ status: 400, error: 'bad-code', field: 'code', message: expect.stringContaining('digits only') });
    expect(th.hub.store.liveBookings(0, 'pc-1')).toHaveLength(0);

    // The kiosk's API takes 4 or 6 digits only; a 5-digit code never reaches the core.
    const input = kioskMethods['kiosk.checkIn'].input;
    expect(input.safeParse({ code: '0427', locale: 'fi' }).success).toBe(true);
    const five = input.safeParse({ code: '12345', locale: 'fi' });
    expect(five.success).toBe(false);
    expect(five.error?.issues[0]).toMatchObject({ path: ['code'], message: '4 or 6 digits' });
  });
});
