/**
 * The soak's core loop: a site of real processes (tests/soak/site.ts),
 * rounds that each kill the hub or a PC at a chosen moment and start it
 * again (points.ts), then everything reconnects and drains, and the counts
 * are taken (count.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/entry-process';
import { countSoak, nonZero, type SoakCounts, type SoakPlaces } from './count';
import { KILL_POINTS, runRound, type KillPoint, type RoundResult } from './points';
import { seededRandom } from './random';
import { settle } from './sessions';
import { SITE_ID, startSite, until, type SoakSite } from './site';

export interface SoakOptions {
  rounds: number;
  seed: number;
  /** Room PCs at the site (1 to 9; default 3). */
  pcs?: number;
  /** The build the hub and the PCs run (default: out/). */
  outDir?: string;
  /** The kill point of each round in turn (default: chosen at random). */
  plan?: readonly KillPoint[];
  /** Progress lines. */
  log?: (line: string) => void;
  /** Keep the data folders of a soak that failed or found something, and say where. */
  keepOnFailure?: boolean;
  /** Called with where every place keeps its data, after the counts and before it is removed (tests of the counting). */
  beforeCleanup?: (places: SoakPlaces) => void | Promise<void>;
}

export interface SoakResult {
  seed: number;
  rounds: number;
  pcs: number;
  kills: { pc: number; hub: number; byPoint: Record<KillPoint, number>; landed: Record<KillPoint, number> };
  /** From the last round to every event and record confirmed where it goes. */
  drainMs: number;
  durationMs: number;
  counts: SoakCounts;
  /** Counts that are not zero, in words; empty when the soak passed. */
  failures: string[];
  roundResults: RoundResult[];
}

const DRAIN_LIMIT_MS = 60_000;

/** Every process up and every PC on its welcome screen; then every event at the hub and every record at the city. */
async function drain(site: SoakSite, rng: ReturnType<typeof seededRandom>): Promise<void> {
  await site.hub.ready();
  for (const k of site.kiosks) await k.ready();
  for (const k of site.kiosks) await settle(site, k, rng);
  await until('every PC to reach the hub', async () => (await Promise.all(site.kiosks.map((k) => k.online()))).every(Boolean), DRAIN_LIMIT_MS);
  await until('every PC event confirmed by the hub', () => site.kiosks.every((k) => k.unsent() === 0), DRAIN_LIMIT_MS);
  await until(
    'every record confirmed by the city',
    async () => (await site.hub.unconfirmedFigures()) === 0,
    DRAIN_LIMIT_MS,
  );
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const began = performance.now();
  const pcs = options.pcs ?? 3;
  const log = options.log ?? (() => undefined);
  const rng = seededRandom(options.seed);
  const root = mkdtempSync(join(tmpdir(), 'tupa-soak-'));
  const byPoint = Object.fromEntries(KILL_POINTS.map((p) => [p, 0])) as Record<KillPoint, number>;
  const landed = { ...byPoint };
  const roundResults: RoundResult[] = [];
  let site: SoakSite | undefined;
  let keep = options.keepOnFailure ?? false;
  try {
    site = await startSite(root, pcs, options.outDir ?? join(ROOT, 'out'));
    log(`site up: hub ${site.hub.address}, ${pcs} PCs, city ${site.city.url} (data in ${root})`);
    for (let round = 1; round <= options.rounds; round++) {
      let result: RoundResult;
      try {
        result = await runRound(site, rng, round, options.plan?.[round - 1]);
      } catch (error) {
        throw new Error(`round ${round} (seed ${options.seed}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      roundResults.push(result);
      byPoint[result.point]++;
      if (result.landed) landed[result.point]++;
      log(`round ${round}/${options.rounds}: ${result.point}, killed the ${result.victim === 'hub' ? 'hub' : result.pc}${result.landed ? '' : ' (missed its moment)'}; ${result.detail} (${result.ms} ms)`);
    }
    const drained = performance.now();
    await drain(site, rng);
    const drainMs = Math.round(performance.now() - drained);
    log(`drained in ${drainMs} ms`);
    // Stopped as IT would stop them, so their databases are read whole.
    for (const k of site.kiosks) await k.stop();
    await site.hub.stop();
    const places: SoakPlaces = { kiosks: site.kiosks, hubDataDir: site.hub.dataDir, cityDataDir: site.city.dataDir, siteId: SITE_ID };
    const counts = countSoak(places);
    await options.beforeCleanup?.(places);
    const kills = { pc: site.kiosks.reduce((n, k) => n + k.kills, 0), hub: site.hub.kills, byPoint, landed };
    const failures = nonZero(counts);
    if (kills.pc + kills.hub < options.rounds) failures.push(`only ${kills.pc + kills.hub} kills in ${options.rounds} rounds`);
    keep &&= failures.length > 0;
    return { seed: options.seed, rounds: options.rounds, pcs, kills, drainMs, durationMs: Math.round(performance.now() - began), counts, failures, roundResults };
  } finally {
    await site?.stop();
    if (keep) log(`the site's data folders are kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
