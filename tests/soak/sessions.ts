/**
 * What a resident does at a soak PC, through the kiosk's own API (the
 * typed contract over the preview's WebSocket): a walk-in or a check-in
 * with a booking's code, ending the session, feedback. Every session and
 * feedback asked for is tallied, to hold the PC's database against later.
 */
import { systemClock } from '../../main/core/clock';
import type { FeedbackScore, Locale, Phase } from '../../preload/contract';
import type { Random } from './random';
import { until, type SoakKiosk, type SoakSite } from './site';

const LOCALES: readonly Locale[] = ['fi', 'sv', 'en', 'se'];
const SCORES: readonly FeedbackScore[] = ['good', 'ok', 'bad'];

export interface Started {
  kind: 'booked' | 'walk-in';
  /** A booked session's code, so the resident can check in again after a crash. */
  code?: string | undefined;
}

export async function phaseOf(k: SoakKiosk): Promise<Phase> {
  return (await k.snapshot()).phase;
}

/** In a session: active, or warned that its time is running out. */
export const IN_SESSION: readonly Phase[] = ['active', 'warning'];

export function waitForPhase(k: SoakKiosk, phases: readonly Phase[], timeoutMs = 30_000): Promise<void> {
  return until(`${k.pcId} to reach ${phases.join(' or ')}`, async () => phases.includes(await phaseOf(k)), timeoutMs);
}

/** A booking at the hub from a minute ago for twenty minutes (no end-of-time warning yet), made by the advisor; resolves once the PC has it. */
async function book(site: SoakSite, k: SoakKiosk): Promise<string> {
  const now = systemClock.now();
  const iso = (at: number) => new Date(at).toISOString();
  const made = await site.advisor.call<{ booking: { id: string; startsAt: number }; code: string }>('POST', '/api/bookings', {
    pcId: k.pcId,
    start: iso(now - 60_000),
    end: iso(now + 20 * 60_000),
  });
  if (made.status !== 200) throw new Error(`the advisor could not book ${k.pcId}: ${made.status} ${JSON.stringify(made.body)}`);
  site.bookings.set(k.pcId, [...(site.bookings.get(k.pcId) ?? []), made.body.booking.id]);
  await until(`${k.pcId} to receive its booking`, async () => (await k.snapshot()).schedule.current?.startsAt === made.body.booking.startsAt, 30_000);
  return made.body.code;
}

/** Cancels the PC's earlier soak bookings (the hub must be up) and waits until the PC allows a walk-in again. */
export async function freeThePc(site: SoakSite, k: SoakKiosk): Promise<void> {
  const ids = site.bookings.get(k.pcId) ?? [];
  if (ids.length === 0) return;
  await site.hub.ready();
  for (const id of ids) {
    const answer = await site.advisor.call('DELETE', `/api/bookings/${id}`);
    if (answer.status !== 200 && answer.status !== 404) throw new Error(`the advisor could not cancel a booking: ${answer.status}`);
  }
  site.bookings.delete(k.pcId);
  await until(`${k.pcId} to hear its booking was cancelled`, async () => {
    const s = await k.snapshot();
    return s.schedule.current === undefined && s.walkIn.allowed;
  }, 30_000);
}

/** A resident starts a session: with a booking's code (made at the hub, once the PC reaches it), or as a walk-in. */
export async function beginSession(site: SoakSite, k: SoakKiosk, rng: Random, options: { bookedChance?: number } = {}): Promise<Started> {
  const locale = rng.pick(LOCALES);
  if (rng.chance(options.bookedChance ?? 0.35)) {
    await site.hub.ready();
    await until(`${k.pcId} to reach the hub`, () => k.online(), 60_000);
    const code = await book(site, k);
    await checkIn(k, code, locale);
    return { kind: 'booked', code };
  }
  k.tally.attempted++;
  const answer = await k.api.call<{ result: string }>('kiosk.startWalkIn', { locale });
  if (answer.result !== 'ok') throw new Error(`${k.pcId} refused a walk-in: ${answer.result}`);
  k.tally.acknowledged++;
  return { kind: 'walk-in' };
}

export async function checkIn(k: SoakKiosk, code: string, locale: Locale = 'fi'): Promise<void> {
  k.tally.attempted++;
  const answer = await k.api.call<{ result: string }>('kiosk.checkIn', { code, locale });
  if (answer.result !== 'ok') throw new Error(`${k.pcId} refused the booking's code: ${answer.result}`);
  k.tally.acknowledged++;
}

/** After the wipe: feedback given (sometimes) or skipped, back to the welcome screen. */
export async function answerFeedback(k: SoakKiosk, rng: Random): Promise<void> {
  await waitForPhase(k, ['feedback', 'welcome']);
  if ((await phaseOf(k)) !== 'feedback') return;
  if (rng.chance(0.6)) {
    k.tally.feedbackAttempted++;
    await k.api.call('kiosk.submitFeedback', { score: rng.pick(SCORES) });
    k.tally.feedbackAcknowledged++;
  } else {
    await k.api.call('kiosk.skipFeedback');
  }
  await waitForPhase(k, ['welcome']);
}

/** The resident ends the session and answers the feedback question. */
export async function endSession(k: SoakKiosk, rng: Random): Promise<void> {
  await k.api.call('kiosk.endSession');
  await answerFeedback(k, rng);
}

/**
 * Brings a PC to its welcome screen, free for anyone: a session or a
 * feedback question left over is finished, the soak's bookings cancelled.
 */
export async function settle(site: SoakSite, k: SoakKiosk, rng: Random): Promise<void> {
  await waitForPhase(k, ['welcome', ...IN_SESSION, 'feedback']);
  const phase = await phaseOf(k);
  if (IN_SESSION.includes(phase)) await endSession(k, rng);
  else if (phase === 'feedback') await answerFeedback(k, rng);
  await freeThePc(site, k);
}
