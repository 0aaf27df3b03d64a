/**
 * The soak's core loop (npm run soak) in four rounds, one for each kill
 * point: the real headless hub and two real PCs (the built preview) paired
 * with it, the city receiver behind its proxy, every one a process of its
 * own on loopback, killed with SIGKILL and started again.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, expect, it } from 'vitest';
import { countSoak, nonZero, type SoakCounts } from '../soak/count';
import { runSoak } from '../soak/soak';
import { ROOT } from '../support/entry-process';

function write(file: string, sql: string, ...params: unknown[]): number {
  const db = new Database(file);
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  for (const entry of ['out/main/preview.js', 'out/main/hub.js']) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run "npx electron-vite build" first`);
  }
});

it('the hub and the PCs are killed mid-session, mid-wipe, mid-sync and mid-send: no session stays open, nothing is lost or doubled', async () => {
  let tampered: SoakCounts | undefined;
  const result = await runSoak({
    rounds: 4,
    seed: 2026,
    pcs: 2,
    plan: ['mid-session', 'mid-wipe', 'mid-usage-sync', 'mid-city-send'],
    // The counting finds what went wrong: a session the PC said "ok" to and does not hold, a session the hub counted twice, a figure the city lacks.
    beforeCleanup: (places) => {
      places.kiosks[0]!.tally.acknowledged++;
      const hub = join(places.hubDataDir, 'hub', 'hub.sqlite');
      expect(write(hub, "UPDATE usage_daily SET value = value + 1 WHERE (day, pc_id, metric) = (SELECT day, pc_id, metric FROM usage_daily WHERE metric LIKE 'sessions.%' LIMIT 1)")).toBe(1);
      const city = join(places.cityDataDir, 'city.sqlite');
      expect(write(city, "DELETE FROM figures WHERE site = ? AND metric = 'sessions' AND length(period) = 10", places.siteId)).toBeGreaterThanOrEqual(1);
      tampered = countSoak(places);
      places.kiosks[0]!.tally.acknowledged--;
    },
  });

  expect(result.failures).toEqual([]);
  expect(result.kills.byPoint).toEqual({ 'mid-session': 1, 'mid-wipe': 1, 'mid-usage-sync': 1, 'mid-city-send': 1 });
  expect(result.kills.pc + result.kills.hub).toBe(4);
  expect(result.kills.hub).toBeGreaterThanOrEqual(1);
  const { counts } = result;
  expect(counts.sessions.pcs).toBeGreaterThanOrEqual(4);
  expect(counts.sessions.hub).toBe(counts.sessions.pcs);
  expect(counts.sessions.city).toBe(counts.sessions.pcs);
  expect([counts.sessionsLeftOpen, counts.pc.lost, counts.pc.doubled, counts.hub.lost, counts.hub.doubled, counts.city.lost, counts.city.doubled]).toEqual([0, 0, 0, 0, 0, 0, 0]);

  expect(tampered).toMatchObject({ pc: { lost: 1, doubled: 0 }, hub: { lost: 0, doubled: 1, cellsOff: 1 } });
  expect(tampered!.city.lost).toBeGreaterThanOrEqual(1);
  expect(nonZero(tampered!)).toEqual(expect.arrayContaining(['events lost at the PCs: 1', 'events doubled at the hub: 1', 'sessions: hub ≠ PCs: 1']));
}, 180_000);
