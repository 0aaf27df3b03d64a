/**
 * Every change at the hub leaves an audit row (who, what, when), and the
 * audit table cannot be rewritten.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_PROTOCOL_VERSION, type BookingView } from '../../preload/hub-contract';
import { iso, request, signIn, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

type AuditRow = { at: number; actor: string; action: string; subject: string | null; details: string | null };

describe('the audit log', () => {
  it('records bookings created, moved and cancelled, pairing, revocation, failed sign-ins, policy changes and commands with actor and time', async () => {
    const started = Date.now();
    const th = await startHub();
    await th.hub.services.addAdvisor('toinen', 'toinen-salasana-456');
    const advisor = await signIn(th);

    // Pairing over HTTPS, with a code.
    const { code } = (await advisor.call<{ code: string }>('POST', '/api/pairing-codes', {})).body;
    expect((await request(th, 'POST', '/api/pair', { body: { code, pcId: 'pc-2', name: 'PC 2', room: 'Olohuone', protocol: HUB_PROTOCOL_VERSION } })).status).toBe(200);
    expect((await request(th, 'POST', '/api/pair', { body: { code, pcId: 'pc-3', name: 'PC 3', room: 'Olohuone', protocol: HUB_PROTOCOL_VERSION } })).status).toBe(401);
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);

    // Bookings.
    const now = Date.now();
    const created = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 3_600_000), end: iso(now + 5_400_000) });
    const id = created.body.booking.id;
    expect((await advisor.call('PUT', `/api/bookings/${id}`, { start: iso(now + 7_200_000), end: iso(now + 9_000_000), pcId: 'pc-2' })).status).toBe(200);
    expect((await advisor.call('DELETE', `/api/bookings/${id}`)).status).toBe(200);
    // A refused overlap changes nothing and is not a change.
    await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 3_600_000), end: iso(now + 5_400_000) });
    const overlap = await advisor.call<{ error: string; message: string }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 4_000_000), end: iso(now + 6_000_000) });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toBe('overlap');

    // A failed sign-in, a policy change, a command, a revocation.
    expect((await request(th, 'POST', '/api/session', { body: { name: 'neuvoja', password: 'väärin-väärin' } })).status).toBe(401);
    const policy = (await advisor.call<{ warnings: { minutes: number[] } }>('GET', '/api/policy')).body;
    expect((await advisor.call('PUT', '/api/policy', { ...policy, warnings: { minutes: [15, 5] } })).status).toBe(200);
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const commanded = await advisor.call<{ commandId: string }>('POST', '/api/pcs/pc-1/end', {});
    expect(commanded.status).toBe(200);
    expect((await advisor.call('POST', '/api/pcs/pc-2/revoke', {})).status).toBe(200);

    const rows = (th.hub.store.db.prepare('SELECT at, actor, action, subject, details FROM audit ORDER BY seq').all() as AuditRow[]);
    const find = (action: string, subject?: string) => rows.filter((r) => r.action === action && (subject === undefined || r.subject === subject));
    const one = (action: string, subject?: string) => {
      const found = find(action, subject);
      expect(found, `${action} ${subject ?? ''}`).toHaveLength(1);
      const row = found[0]!;
      expect(row.at).toBeGreaterThanOrEqual(started - 1_000);
      expect(row.at).toBeLessThanOrEqual(Date.now());
      return row;
    };

    expect(one('site created').actor).toBe('system');
    expect(rows[0]!.action).toBe('site created');
    expect(one('advisor added', 'toinen').actor).toBe('system');
    expect(one('signed in').actor).toBe('advisor:neuvoja');
    expect(one('pairing code created').actor).toBe('advisor:neuvoja');
    expect(one('paired', 'pc-2').actor).toBe('pc:pc-2');
    expect(one('pairing refused', 'pc-3').actor).toBe('system');
    expect(one('paired (embedded)', 'pc-1').actor).toBe('system');
    const made = one('booking created', id);
    expect(made.actor).toBe('advisor:neuvoja');
    expect(JSON.parse(made.details!)).toMatchObject({ pcId: 'pc-1' });
    const moved = one('booking moved', id);
    expect(moved.actor).toBe('advisor:neuvoja');
    expect(JSON.parse(moved.details!)).toMatchObject({ from: { pcId: 'pc-1' }, to: { pcId: 'pc-2' } });
    expect(one('booking cancelled', id).actor).toBe('advisor:neuvoja');
    expect(find('booking created')).toHaveLength(2);
    const failed = one('sign-in failed');
    expect(failed.actor).toBe('system');
    expect(failed.details).not.toContain('väärin');
    expect(one('policy changed').actor).toBe('advisor:neuvoja');
    expect(one('command end', 'pc-1').actor).toBe('advisor:neuvoja');
    expect(one('pc revoked', 'pc-2').actor).toBe('advisor:neuvoja');
    // The PC reports that it carried the command out.
    await until('the PC reports the command done', () => th.hub.store.auditLog(1000).some((r) => r.action === 'command done'));
    const done = th.hub.store.auditLog(1000).filter((r) => r.action === 'command done');
    expect(done).toHaveLength(1);
    expect(done[0]!.actor).toBe('pc:pc-1');
    expect(done[0]!.subject).toBe(commanded.body.commandId);
    expect(JSON.parse(one('command end', 'pc-1').details!)).toMatchObject({ commandId: commanded.body.commandId, kind: 'end' });

    // Times only move forward.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.at).toBeGreaterThanOrEqual(rows[i - 1]!.at);
    // No codes or passwords in the audit.
    const all = JSON.stringify(rows);
    expect(all).not.toContain(code);
    expect(all).not.toContain('oikea-salasana-123');
  });

  it('refuses UPDATE and DELETE on the audit table, from the hub\'s connection and from another', async () => {
    const th = await startHub();
    const before = th.hub.store.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number };
    expect(before.n).toBeGreaterThan(0);
    expect(() => th.hub.store.db.prepare("UPDATE audit SET actor = 'nobody'").run()).toThrow(/append-only/);
    expect(() => th.hub.store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);

    const other = new Database(join(th.dir, 'hub.sqlite'));
    try {
      other.pragma('busy_timeout = 2000');
      expect(() => other.prepare("UPDATE audit SET action = 'nothing happened' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => other.prepare('DELETE FROM audit WHERE seq = 1').run()).toThrow(/append-only/);
    } finally {
      other.close();
    }
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM audit').get()).toEqual(before);
    // Appending still works.
    th.hub.store.audit(Date.now(), 'system', 'test entry');
    expect((th.hub.store.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(before.n + 1);
  });
});
