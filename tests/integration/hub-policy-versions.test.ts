/**
 * The site policy's versions (issue 15): every save kept with who, when and
 * what changed; a save from a stale version is refused (409) with both
 * sides' changes; a refused policy names every field; an earlier version
 * comes back as a new one; the command line records a version too; and an
 * advisor who is not an administrator is refused every route.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setPolicy, showPolicy } from '../../main/cli/hub-admin';
import type { AuditPage, CurrentPolicy, PolicyCheck, PolicyConflict, PolicyInvalid, PolicyVersionDetail, PolicySaved } from '../../preload/policy-editor-contract';
import type { SitePolicy } from '../../preload/hub-contract';
import { advisorSocket, signIn, startHub, startPc, stopAll, tempDir, until, waitOnline } from './hub-support';

afterEach(stopAll);

const withPhone = (policy: SitePolicy, phone: string): SitePolicy => ({ ...policy, help: { ...policy.help, phone } });

describe('site policy versions', () => {
  it('keeps every save, refuses a stale base with both sides, restores, and reaches the PC', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const admin = await signIn(th);
    const events = await advisorSocket(th, admin.token);
    const first = (await admin.call<CurrentPolicy>('GET', '/api/policy/current')).body;
    expect(first.version).toMatchObject({ version: 1, actor: 'system' });
    expect(first.locales).toEqual(['fi', 'sv', 'en', 'se', 'uk', 'ru', 'ar', 'so', 'fi-x-selko']);

    // Before saving: what would change, and nothing saved.
    const edited = withPhone(first.policy, '09 310 1');
    const check = (await admin.call<PolicyCheck>('POST', '/api/policy/check', { policy: edited, baseVersion: 1 })).body;
    expect(check).toEqual({ changes: [{ path: ['help', 'phone'], before: '0800 123 456', after: '09 310 1' }], problems: [], currentVersion: 1 });

    const saved = await admin.call<PolicySaved>('POST', '/api/policy/versions', { policy: edited, baseVersion: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toMatchObject({ version: 2, actor: 'advisor:neuvoja', summary: 'help.phone' });
    await until('the PC has the new phone number', () => pc.controller.snapshot().help?.phone === '09 310 1', 3000);
    await events.next('the administrators are told', (e) => e.type === 'policy-version' && e.version.version === 2);

    // A second administrator, still on version 1, changes the idle time: refused, shown the difference, nothing lost.
    const stale = { ...first.policy, idle: { ...first.policy.idle, timeoutMinutes: 9 } };
    const conflict = await admin.call<PolicyConflict>('POST', '/api/policy/versions', { policy: stale, baseVersion: 1 });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ outcome: 'conflict', error: 'conflict', current: { version: 2 } });
    expect(conflict.body.theirs).toEqual([{ path: ['help', 'phone'], before: '0800 123 456', after: '09 310 1' }]);
    expect(conflict.body.mine).toEqual([{ path: ['idle', 'timeoutMinutes'], before: first.policy.idle.timeoutMinutes, after: 9 }]);
    const merged = conflict.body.merged as SitePolicy;
    expect([merged.help.phone, merged.idle.timeoutMinutes]).toEqual(['09 310 1', 9]);
    expect(th.hub.store.site()!.policy.idle.timeoutMinutes).toBe(first.policy.idle.timeoutMinutes);
    // Re-applied on top of the current version: both changes kept.
    const reapplied = await admin.call<PolicySaved>('POST', '/api/policy/versions', { policy: merged, baseVersion: 2 });
    expect(reapplied.status).toBe(200);
    expect(reapplied.body.version.version).toBe(3);
    expect([th.hub.store.site()!.policy.help.phone, th.hub.store.site()!.policy.idle.timeoutMinutes]).toEqual(['09 310 1', 9]);

    // Every field at fault named; nothing saved.
    const bad = { ...merged, tiles: [{ ...merged.tiles[0]!, url: 'http://kela.fi' }, ...merged.tiles.slice(1)], idle: { ...merged.idle, promptSeconds: 1 } };
    const invalid = await admin.call<PolicyInvalid>('POST', '/api/policy/versions', { policy: bad, baseVersion: 3 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems.map((p) => [p.field, p.code])).toEqual([
      ['idle.promptSeconds', 'too_small'],
      ['tiles[0].url', 'invalid_format'],
    ]);
    expect(invalid.body.problems[0]).toMatchObject({ minimum: 20, origin: 'number' });
    expect((await admin.call<CurrentPolicy>('GET', '/api/policy/current')).body.version.version).toBe(3);

    // Back to version 1: a new version 4 with version 1's policy, pushed to the PC.
    const restored = await admin.call<PolicySaved>('POST', '/api/policy/versions/1/restore', { baseVersion: 3 });
    expect(restored.status).toBe(200);
    expect(restored.body.version).toMatchObject({ version: 4, restoredFrom: 1 });
    expect(restored.body.version.summary).toMatch(/^restored version 1: /);
    await until('the PC has the old phone number again', () => pc.controller.snapshot().help?.phone === '0800 123 456', 3000);
    const detail = (await admin.call<PolicyVersionDetail>('GET', '/api/policy/versions/2')).body;
    expect(detail.changes).toEqual([{ path: ['help', 'phone'], before: '0800 123 456', after: '09 310 1' }]);
    expect((await admin.call('GET', '/api/policy/versions/99')).status).toBe(404);
    expect((await admin.call('POST', '/api/policy/versions/1/restore', { baseVersion: 3 })).status).toBe(409);

    // The history, newest first; the audit log, newest first, filtered by action.
    const list = (await admin.call<{ versions: Array<{ version: number }>; more: boolean }>('GET', '/api/policy/versions/before/latest')).body;
    expect(list.versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect((await admin.call<{ versions: Array<{ version: number }> }>('GET', '/api/policy/versions/before/3')).body.versions.map((v) => v.version)).toEqual([2, 1]);
    const audit = (await admin.call<AuditPage>('POST', '/api/audit/query', { action: 'policy restored' })).body;
    expect(audit.entries.map((e) => [e.actor, e.action, e.subject])).toEqual([['advisor:neuvoja', 'policy restored', 'version 4']]);
    expect(audit.actions).toEqual(expect.arrayContaining(['policy changed', 'policy restored', 'signed in']));
    const all = (await admin.call<AuditPage>('POST', '/api/audit/query', {})).body.entries;
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
  });

  it('the command line and PUT /api/policy record versions too', async () => {
    const th = await startHub();
    const file = join(th.dir, 'hub.sqlite');
    const policy = showPolicy(file);
    const edited = join(tempDir('tupa-policy-'), 'policy.json');
    writeFileSync(edited, JSON.stringify(withPhone(policy, '040 1')));
    setPolicy(file, edited, Date.now());
    const admin = await signIn(th);
    expect((await admin.call('PUT', '/api/policy', withPhone(policy, '040 2'))).status).toBe(200);
    const list = (await admin.call<{ versions: Array<{ version: number; actor: string; summary: string }> }>('GET', '/api/policy/versions/before/latest')).body;
    expect(list.versions.map((v) => [v.version, v.actor, v.summary])).toEqual([
      [3, 'advisor:neuvoja', 'help.phone'],
      [2, 'cli', 'help.phone'],
      [1, 'system', "the site's first policy"],
    ]);
  });

  it('an advisor who is not an administrator is refused every route', async () => {
    const th = await startHub();
    await th.hub.services.addAdvisor('vuoro', 'vuoron-salasana-1');
    const advisor = await signIn(th, { name: 'vuoro', password: 'vuoron-salasana-1' });
    const policy = th.hub.store.site()!.policy;
    const routes = [
      ['GET', '/api/policy/current', undefined],
      ['GET', '/api/policy/versions/before/latest', undefined],
      ['GET', '/api/policy/versions/1', undefined],
      ['POST', '/api/policy/check', { policy, baseVersion: 1 }],
      ['POST', '/api/policy/versions', { policy: withPhone(policy, '1'), baseVersion: 1 }],
      ['POST', '/api/policy/versions/1/restore', { baseVersion: 1 }],
      ['POST', '/api/audit/query', {}],
    ] as const;
    for (const [method, path, body] of routes) {
      const refused = await advisor.call<{ error: string }>(method, path, body);
      expect([refused.status, refused.body.error], `${method} ${path}`).toEqual([403, 'admin-only']);
    }
    expect(th.hub.store.site()!.policy.help.phone).toBe(policy.help.phone);
    expect(th.hub.store.auditLog(20).filter((r) => r.action === 'refused: administrators only')).toHaveLength(routes.length);
  });
});
