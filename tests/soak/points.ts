/**
 * The moments the soak kills a process (SIGKILL, no chance to clean up):
 * a PC in the middle of a session, in the middle of its wipe, right after
 * a session's usage events left for the hub; the hub in any of those, and
 * while its figures are on their way to the city. Each round picks one
 * moment, a PC and a victim with the seeded random source; sometimes
 * another PC is in a session of its own at the time.
 */
import { seededRandom, type Random } from './random';
import { IN_SESSION, answerFeedback, beginSession, checkIn, endSession, phaseOf, settle, waitForPhase, type Started } from './sessions';
import { sleep, until, type SoakKiosk, type SoakSite } from './site';

export const KILL_POINTS = ['mid-session', 'mid-wipe', 'mid-usage-sync', 'mid-city-send'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

export interface RoundResult {
  round: number;
  point: KillPoint;
  victim: 'pc' | 'hub';
  pc: string;
  /** Whether the kill came at the moment aimed for (in session, wiping, events or figures unconfirmed). */
  landed: boolean;
  detail: string;
  ms: number;
}

type Outcome = Pick<RoundResult, 'victim' | 'landed' | 'detail'>;

/** Wiping takes 11 steps of this long while a round aims at the wipe. */
const SLOW_WIPE_STEP_MS = 60;

/** Kills the PC; it starts again in the background and finishes what was interrupted before its welcome screen; then `then`. */
async function restartPc(k: SoakKiosk, then?: () => Promise<void>): Promise<void> {
  await k.kill();
  k.startInBackground(async () => {
    await waitForPhase(k, ['welcome']);
    await then?.();
  });
}

/** Kills the hub; it starts again in the background while the PCs go on without it. */
async function restartHub(site: SoakSite): Promise<void> {
  await site.hub.kill();
  site.hub.startInBackground();
}

/** The victim of a round: the hub is made ready first (it may still be starting from the last round), so the kill comes at the moment aimed for. */
async function chooseVictim(site: SoakSite, rng: Random, hubChance: number): Promise<'pc' | 'hub'> {
  if (!rng.chance(hubChance)) return 'pc';
  await site.hub.ready();
  return 'hub';
}

async function midSession(site: SoakSite, k: SoakKiosk, rng: Random): Promise<Outcome> {
  const victim = await chooseVictim(site, rng, 0.3);
  const started: Started = await beginSession(site, k, rng, { bookedChance: 0.5 });
  await sleep(rng.int(0, 400));
  const landed = IN_SESSION.includes(await phaseOf(k));
  if (victim === 'hub') {
    await restartHub(site);
    await endSession(k, rng);
    return { victim, landed, detail: `${started.kind} session, ended while the hub was down` };
  }
  // After a crash the resident comes back with the same code, sometimes.
  const code = started.code;
  if (code && rng.chance(0.5)) {
    const later = seededRandom(rng.int(1, 2 ** 31 - 1));
    await restartPc(k, async () => {
      await checkIn(k, code);
      await endSession(k, later);
    });
    return { victim, landed, detail: 'booked session; the resident checks in again with the same code after the restart' };
  }
  await restartPc(k);
  return { victim, landed, detail: `${started.kind} session` };
}

async function midWipe(site: SoakSite, k: SoakKiosk, rng: Random): Promise<Outcome> {
  const victim = await chooseVictim(site, rng, 0.2);
  await k.control('/__test/slow-wipe', { ms: SLOW_WIPE_STEP_MS });
  const started = await beginSession(site, k, rng);
  await k.api.call('kiosk.endSession');
  // (On a busy machine the whole wipe may pass between two looks.)
  await waitForPhase(k, ['wiping', 'feedback', 'welcome']);
  await sleep(rng.int(0, 11 * SLOW_WIPE_STEP_MS));
  const landed = (await phaseOf(k)) === 'wiping';
  if (victim === 'pc') {
    await restartPc(k);
    return { victim, landed, detail: `${started.kind} session` };
  }
  await restartHub(site);
  await answerFeedback(k, rng);
  await k.control('/__test/slow-wipe', { ms: 0 });
  return { victim, landed, detail: `${started.kind} session; the PC wiped on without the hub` };
}

async function midUsageSync(site: SoakSite, k: SoakKiosk, rng: Random): Promise<Outcome> {
  const victim = await chooseVictim(site, rng, 0.5);
  const started = await beginSession(site, k, rng);
  const after = rng.chance(0.5) ? 'its end' : 'its feedback';
  await k.api.call('kiosk.endSession');
  if (after === 'its feedback') {
    await waitForPhase(k, ['feedback']);
    k.tally.feedbackAttempted++;
    await k.api.call('kiosk.submitFeedback', { score: 'good' });
    k.tally.feedbackAcknowledged++;
  }
  await sleep(rng.int(0, 20));
  if (victim === 'pc') {
    await k.kill();
    const unsent = k.unsent();
    k.startInBackground(() => waitForPhase(k, ['welcome']));
    return { victim, landed: unsent > 0, detail: `${started.kind} session, killed right after ${after}: ${unsent} events unconfirmed` };
  }
  await site.hub.kill();
  const unsent = k.unsent();
  site.hub.startInBackground();
  if (after === 'its end') await answerFeedback(k, rng);
  return { victim, landed: unsent > 0, detail: `${started.kind} session, the hub killed right after ${after}: ${unsent} events unconfirmed` };
}

async function midCitySend(site: SoakSite, k: SoakKiosk, rng: Random): Promise<Outcome> {
  const hold = rng.chance(0.6);
  const seen = site.proxy.seen.length;
  // The receiver stores the next batch, and its answer is held back: the hub dies waiting for it.
  if (hold) site.proxy.modes.push('hold');
  await beginSession(site, k, rng);
  await endSession(k, rng);
  await until(`${k.pcId}'s events at the hub`, () => k.unsent() === 0, 30_000);
  let detail: string;
  if (hold) {
    const sent = await until('a batch on its way to the city', () => site.proxy.seen.length > seen, 10_000).then(
      () => true,
      () => false,
    );
    await sleep(rng.int(0, 100));
    detail = sent ? 'the city had stored the batch, its answer held back' : 'no batch was sent in 10 s';
  } else {
    // Somewhere in the hub's gathering (2 s), its send, or after.
    const wait = rng.int(0, 3_000);
    await sleep(wait);
    detail = `${wait} ms after the events reached the hub`;
  }
  await site.hub.kill();
  site.proxy.modes.length = 0;
  const unconfirmed = await site.hub.unconfirmedFigures();
  site.hub.startInBackground();
  return { victim: 'hub', landed: unconfirmed > 0, detail: `${detail}; ${unconfirmed} figures unconfirmed` };
}

const ROUNDS: Record<KillPoint, (site: SoakSite, k: SoakKiosk, rng: Random) => Promise<Outcome>> = {
  'mid-session': midSession,
  'mid-wipe': midWipe,
  'mid-usage-sync': midUsageSync,
  'mid-city-send': midCitySend,
};

/** Points that need the PC to reach the hub when they begin. */
const NEED_HUB: ReadonlySet<KillPoint> = new Set(['mid-usage-sync', 'mid-city-send']);

/**
 * One round: the chosen PC (and the hub, when the moment needs it) back
 * from any restart and free; sometimes another PC in a session meanwhile;
 * then the kill. What was killed starts again in the background.
 */
export async function runRound(site: SoakSite, rng: Random, round: number, chosen?: KillPoint): Promise<RoundResult> {
  const began = performance.now();
  const point = chosen ?? rng.pick(KILL_POINTS);
  const k = rng.pick(site.kiosks);
  const others = site.kiosks.filter((pc) => pc !== k);
  const bystander = others.length > 0 && rng.chance(0.5) ? rng.pick(others) : undefined;
  await k.ready();
  if (NEED_HUB.has(point)) {
    await site.hub.ready();
    await until(`${k.pcId} to reach the hub`, () => k.online(), 60_000);
  }
  await settle(site, k, rng);
  if (bystander) {
    await bystander.ready();
    await settle(site, bystander, rng);
    await beginSession(site, bystander, rng, { bookedChance: 0 });
  }
  const outcome = await ROUNDS[point](site, k, rng);
  if (bystander) await endSession(bystander, rng);
  return { round, point, pc: k.pcId, ...outcome, ms: Math.round(performance.now() - began) };
}
