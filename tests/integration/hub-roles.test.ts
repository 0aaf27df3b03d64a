/**
 * Roles (issue 15): administrators may change the site policy, pair and
 * revoke PCs; advisors answer help calls and run bookings and sessions. The
 * hub refuses an advisor's administrator request over the API, whatever the
 * console shows, and the advisors there were before roles keep their rights.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Board } from '../../preload/hub-contract';
import { HubStore } from '../../main/hub/hub-store';
import { migrate } from '../../main/store/database';
import { HUB_MIGRATIONS } from '../../main/hub/migrations';
import { advisorSocket, iso, signIn, startHub, stopAll, tempDir } from './hub-support';

afterEach(stopAll);

const ADVISOR_ONLY = { name: 'vuoro', password: 'vuoron-salasana-1' };

describe('advisor roles', () => {
  it('an advisor who is not an administrator is refused policy, pairing and revocation, and told so', async () => {
    const th = await startHub();
    await th.hub.services.addAdvisor(ADVISOR_ONLY.name, ADVISOR_ONLY.password);
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    const advisor = await signIn(th, ADVISOR_ONLY);
    const admin = await signIn(th);

    const board = (await advisor.call<Board>('GET', '/api/board')).body;
    expect(board.advisor).toEqual({ name: 'vuoro', admin: false });
    expect((await admin.call<Board>('GET', '/api/board')).body.advisor).toEqual({ name: 'neuvoja', admin: true });

    const policy = (await advisor.call('GET', '/api/policy')).body;
    for (const [method, path, body] of [
      ['PUT', '/api/policy', policy],
      ['POST', '/api/pairing-codes', {}],
      ['POST', '/api/pcs/pc-1/revoke', {}],
    ] as const) {
      const refused = await advisor.call<{ error: string; message: string }>(method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body).toMatchObject({ error: 'admin-only', message: 'Only an administrator may do this.' });
    }
    expect(th.hub.store.pc('pc-1')?.revoked).toBe(false);
    expect(th.hub.store.auditLog().filter((r) => r.action === 'refused: administrators only').map((r) => `${r.actor} ${r.subject}`).sort()).toEqual([
      'advisor:vuoro pairingCode',
      'advisor:vuoro revoke',
      'advisor:vuoro setPolicy',
    ]);

    // Advisors' own work goes on: bookings and help.
    const now = Date.now();
    expect((await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 3_600_000), end: iso(now + 5_400_000) })).status).toBe(200);
    // The administrator may do all of it.
    expect((await admin.call('POST', '/api/pairing-codes', {})).status).toBe(200);
    expect((await admin.call('PUT', '/api/policy', policy)).status).toBe(200);
  });

  it("each console's first board says whether its advisor is an administrator", async () => {
    const th = await startHub();
    await th.hub.services.addAdvisor(ADVISOR_ONLY.name, ADVISOR_ONLY.password);
    const socket = await advisorSocket(th, (await signIn(th, ADVISOR_ONLY)).token);
    const first = await socket.next('the first board', (e) => e.type === 'board');
    expect(first.type === 'board' && first.board.advisor).toEqual({ name: 'vuoro', admin: false });
  });

  it('the advisors there were before roles became administrators: they keep the rights they had', () => {
    const file = join(tempDir(), 'hub.sqlite');
    const db = new Database(file);
    migrate(db, HUB_MIGRATIONS.filter((m) => m.version <= 7));
    db.prepare("INSERT INTO advisors (name, password_hash, created_at) VALUES ('vanha', 'x', 0)").run();
    db.close();
    const store = new HubStore(file);
    try {
      expect(store.advisors()).toEqual([{ name: 'vanha', disabled: false, admin: true }]);
      // A new account is an advisor unless made an administrator.
      store.addAdvisor('uusi', 'y', 1);
      expect(store.advisorIsAdmin('uusi')).toBe(false);
      store.addAdvisor('uusi', 'z', 2, true);
      expect(store.advisorIsAdmin('uusi')).toBe(true);
      // A new password alone keeps the role.
      store.addAdvisor('uusi', 'w', 3);
      expect(store.advisorIsAdmin('uusi')).toBe(true);
    } finally {
      store.close();
    }
  });
});
