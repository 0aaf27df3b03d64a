/**
 * Booking codes and the keys that hash them: each paired PC gets a key of
 * its own and only its own bookings, so a PC's data folder gives nothing
 * away about another PC's bookings nor the site's key; PCs and hubs of an
 * older release (the site key on every PC, codes only hashed at the hub)
 * move over when they start.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashCode, pcCodeKey } from '../../main/core/codes';
import { iso, startHub, startPc, stopAll, until, waitOnline, type TestHub, type TestPc } from './hub-support';

afterEach(stopAll);

const MINUTE = 60_000;

/** Every file in a data folder, as bytes (the database, its WAL, the key, the pairing, the logs). */
function filesOf(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, bytes: readFileSync(file) }));
}

function book(th: TestHub, pcId: string, startsIn = MINUTE): { id: string; code: string } {
  const now = Date.now();
  const made = th.hub.services.bookings.create({ pcId, start: iso(now + startsIn), end: iso(now + startsIn + 30 * MINUTE) }, 'advisor:test', now);
  return { id: made.booking.id, code: made.code };
}

/** A hub with two PCs paired to it, both online. */
async function siteWithTwoPcs(): Promise<{ th: TestHub; pc1: TestPc; pc2: TestPc }> {
  const th = await startHub();
  const pc1 = await startPc({ id: 'pc-1', hub: th });
  const pc2 = await startPc({ id: 'pc-2', hub: th });
  await waitOnline(pc1);
  await waitOnline(pc2);
  return { th, pc1, pc2 };
}

const arrived = (pc: TestPc, id: string) => until(`${pc.id} has booking ${id}`, () => pc.core.store.bookings.get(id)?.cancelledAt === null);

describe('each PC has a code key of its own', () => {
  it('a PC holds its own key and its own bookings only: a code typed at another PC is wrong, and no PC holds the site key', async () => {
    const { th, pc1, pc2 } = await siteWithTwoPcs();
    const siteKey = th.hub.store.site()!.codeKey;
    const one = book(th, 'pc-1');
    const two = book(th, 'pc-2');
    await arrived(pc1, one.id);
    await arrived(pc2, two.id);

    const key1 = readFileSync(join(pc1.dir, 'code-key'));
    expect(key1.equals(pcCodeKey(siteKey, 'pc-1'))).toBe(true);
    expect(readFileSync(join(pc2.dir, 'code-key')).equals(pcCodeKey(siteKey, 'pc-2'))).toBe(true);
    // Its own bookings, hashed with its own key.
    expect(pc1.core.store.bookings.all('pc-1', 0).map((b) => b.id)).toEqual([one.id]);
    expect(pc1.core.store.bookings.get(two.id)).toBeUndefined();
    expect(pc1.core.store.bookings.get(one.id)!.codeHash.equals(hashCode(key1, one.code))).toBe(true);

    expect(pc2.controller.checkIn(one.code, 'fi')).toMatchObject({ result: 'wrong-code' });
    expect(pc1.controller.checkIn(one.code, 'fi')).toEqual({ result: 'ok' });

    // Nothing in either PC's folder is the site's key, or a hash made with it.
    const siteHashOfOne = hashCode(siteKey, one.code);
    for (const { file, bytes } of [...filesOf(pc1.dir), ...filesOf(pc2.dir)]) {
      expect(bytes.includes(siteKey), file).toBe(false);
      expect(bytes.includes(siteHashOfOne), file).toBe(false);
    }
  });

  it('a booking moved to another PC works there, and the PC it left forgets its hash', async () => {
    const { th, pc1, pc2 } = await siteWithTwoPcs();
    const made = book(th, 'pc-1');
    await arrived(pc1, made.id);
    const now = Date.now();
    const booking = th.hub.store.booking(made.id)!;
    th.hub.services.bookings.move(made.id, { start: iso(booking.startsAt), end: iso(booking.endsAt), pcId: 'pc-2' }, 'advisor:test', now);
    await arrived(pc2, made.id);
    await until('pc-1 lets the booking go', () => pc1.core.store.bookings.get(made.id)?.cancelledAt !== null);

    expect(pc1.core.store.bookings.get(made.id)!.codeHash).toHaveLength(0);
    expect(pc1.controller.checkIn(made.code, 'fi')).toMatchObject({ result: 'wrong-code' });
    expect(pc2.controller.checkIn(made.code, 'fi')).toEqual({ result: 'ok' });
  });

  it('a PC paired by an older release (holding the site key) gets its own key when it connects, and its bookings hashed with it', async () => {
    const th = await startHub();
    const siteKey = th.hub.store.site()!.codeKey;
    const { deviceToken } = th.hub.services.pairLocal({ pcId: 'pc-3', name: 'PC 3', room: 'Sali' });
    const made = book(th, 'pc-3');
    const pc = await startPc({
      id: 'pc-3',
      connection: { address: th.address, caPem: th.caPem, caFingerprint: th.hub.caFingerprint, deviceToken, siteName: 'Raatipirtti', codeKey: siteKey },
    });
    await waitOnline(pc);
    await arrived(pc, made.id);
    await until('the PC keeps its own key', () => readFileSync(join(pc.dir, 'code-key')).equals(pcCodeKey(siteKey, 'pc-3')));
    expect(pc.logger.lines.some((l) => l.msg === 'code key from the hub kept')).toBe(true);
    expect(pc.controller.checkIn(made.code, 'fi')).toEqual({ result: 'ok' });
    for (const { file, bytes } of filesOf(pc.dir)) expect(bytes.includes(siteKey), file).toBe(false);
  });

  it('a hub from before per-PC keys finds the codes of its live bookings when it starts, seals them, and the PC can use them', async () => {
    const first = await startHub();
    const siteKey = first.hub.store.site()!.codeKey;
    first.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const now = Date.now();
    // As an older release stored it: the code only as a hash under the site's key.
    first.hub.store.addBooking({ id: 'b-old', pcId: 'pc-1', startsAt: now + MINUTE, endsAt: now + 31 * MINUTE, codeHash: hashCode(siteKey, '004321') }, 'advisor:old', now);
    expect(first.hub.store.booking('b-old')!.codeSealed).toBeUndefined();
    await first.stop();

    const th = await startHub({ dir: first.dir });
    expect(th.hub.store.booking('b-old')!.codeSealed).toBeInstanceOf(Buffer);
    expect(th.hub.store.auditLog().find((a) => a.action === 'booking codes sealed for per-PC keys')).toMatchObject({ details: JSON.stringify({ sealed: 1, notFound: 0 }) });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    await arrived(pc, 'b-old');
    expect(pc.controller.checkIn('004321', 'fi')).toEqual({ result: 'ok' });
  });
});
