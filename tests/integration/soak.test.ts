/**
 * The soak's core loop (npm run soak) in four rounds, one for each kill
 * point: the real headless hub and two real PCs (the built preview) paired
 * with it, the city receiver behind its proxy, every one a process of its
 * own on loopback, killed with SIGKILL and started again.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { runSoak } from '../soak/soak';
import { ROOT } from '../support/entry-process';

beforeAll(() => {
  for (const entry of ['out/main/preview.js', 'out/main/hub.js']) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run "npx electron-vite build" first`);
  }
});

it('the hub and the PCs are killed mid-session, mid-wipe, mid-sync and mid-send: no session stays open, nothing is lost or doubled', async () => {
  const result = await runSoak({ rounds: 4, seed: 2026, pcs: 2, plan: ['mid-session', 'mid-wipe', 'mid-usage-sync', 'mid-city-send'] });

  expect(result.failures).toEqual([]);
  expect(result.kills.byPoint).toEqual({ 'mid-session': 1, 'mid-wipe': 1, 'mid-usage-sync': 1, 'mid-city-send': 1 });
  expect(result.kills.pc + result.kills.hub).toBe(4);
  expect(result.kills.hub).toBeGreaterThanOrEqual(1);
  const { counts } = result;
  expect(counts.sessions.pcs).toBeGreaterThanOrEqual(4);
  expect(counts.sessions.hub).toBe(counts.sessions.pcs);
  expect(counts.sessions.city).toBe(counts.sessions.pcs);
  expect([counts.sessionsLeftOpen, counts.pc.lost, counts.pc.doubled, counts.hub.lost, counts.hub.doubled, counts.city.lost, counts.city.doubled]).toEqual([0, 0, 0, 0, 0, 0, 0]);
}, 180_000);
