import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import { siteDay } from '../core/site-time';
import { siteDayAndHour } from '../sync/figures';
import type { UsageLedger } from './usage-ledger';
import type { Logger } from '../log/logger';
import {
  HUB_PROTOCOL_VERSION,
  SitePolicy,
  type Board,
  type KioskCommand,
  type PcView,
} from '../../preload/hub-contract';
import { bookingView, HubBookings, HubError } from './bookings';
import { HelpDesk } from './help';
import { alertRepeatSeconds, type PcAlerts } from './alerts';
import type { HubStore } from './hub-store';
import { codeKeyOf } from './booking-codes';
import type { KioskLinks } from './kiosk-links';
import type { HubQueue } from './queue';
import type { AdvisorChannels } from './advisor-channels';
import { Busy, Limiter, SlowDown, hashPassword, newToken, sourceKey, tokenHash, verifyPassword } from './auth';
import { fingerprint } from './tls';
import { createPairingCode, setAdvisorAccount } from './accounts';
import { PolicyVersions, recordPolicyVersion } from './policy-versions';
import type { PolicyVersionView } from '../../preload/policy-editor-contract';
import type { HubFleet } from './fleet';

export { PAIRING_CODE_MINUTES } from './accounts';

/** Two password checks at once (scrypt is slow on purpose), twenty waiting, "busy" beyond. */
const passwordChecks = new Limiter(2, 20);
const SESSION_HOURS = 12;

export interface HubServices {
  help: HelpDesk;
  alerts: PcAlerts;
  bookings: HubBookings;
  kiosks: KioskLinks;
  advisors: AdvisorChannels;
  queue: HubQueue;
  /** PC health, reset all and logs (main/hub/fleet.ts); absent in a hub composed without it. */
  fleet: HubFleet | undefined;
  signIn(name: string, password: string, source: string): Promise<{ ok: true; token: string; name: string; admin: boolean } | { ok: false; message: string; retryAfterSeconds?: number }>;
  board(advisorName: string, admin?: boolean): Board;
  pcView(pcId: string): PcView | undefined;
  /** Sends an advisor's command to a connected PC; its outcome follows as a "command" event with this id. */
  command(pcId: string, command: KioskCommand, advisorName: string): { commandId: string };
  revoke(pcId: string, advisorName: string): void;
  pairingCode(advisorName: string): { code: string; expiresAt: number; caFingerprint: string };
  pair(request: { code: string; pcId: string; name: string; room: string; protocol: number }, source: string): { deviceToken: string; pcId: string; codeKey: string; siteName: string };
  /** Pairs a PC without a code: for the hub embedded in that PC's own process. */
  pairLocal(pc: { pcId: string; name: string; room: string }): { deviceToken: string; codeKey: Buffer };
  setPolicy(policy: unknown, advisorName: string): SitePolicy;
  /** The site policy's versions, the editor's saves and restores, and the audit log (main/hub/policy-versions.ts). */
  policyVersions: PolicyVersions;
  addAdvisor(name: string, password: string, admin?: boolean): Promise<void>;
  caFingerprint(): string;
}

export function createHubServices(deps: {
  store: HubStore;
  clock: Clock;
  logger: Logger;
  kiosks: KioskLinks;
  advisors: AdvisorChannels;
  help: HelpDesk;
  alerts: PcAlerts;
  onSchedulesChanged: (pcIds: string[]) => void;
  /** The site policy changed (the status board shows opening hours and its languages from it). */
  onPolicyChanged?: () => void;
  /** The usage figures: a moved or cancelled booking's no-shows are counted again. */
  ledger?: UsageLedger;
  queue: HubQueue;
  fleet?: () => HubFleet;
}): HubServices {
  const { store, clock, logger, kiosks, advisors, help, alerts, queue } = deps;
  const signInSlowDown = new SlowDown({ freeAttempts: 3 });
  const pairingSlowDown = new SlowDown({ freeAttempts: 3 });
  const bookings = new HubBookings(store, deps.onSchedulesChanged, (pcId, startsAt, now) => deps.ledger?.bookingChanged(pcId, startsAt, now));

  const pcView = (pcId: string): PcView | undefined => {
    const pc = store.pc(pcId);
    if (!pc) return undefined;
    const view: PcView = { id: pc.id, name: pc.name, room: pc.room, paired: pc.paired, revoked: pc.revoked, online: kiosks.isOnline(pc.id) };
    if (pc.lastSeen !== undefined) view.lastSeen = pc.lastSeen;
    if (pc.status) view.status = pc.status;
    if (pc.clockSkewMs !== undefined) view.clockSkewMs = pc.clockSkewMs;
    const fleet = deps.fleet?.();
    if (fleet) view.health = fleet.health(view);
    return view;
  };

  /** A new policy version: to every PC at once, and every administrator's console is told. */
  const publishPolicy = (version: PolicyVersionView) => {
    kiosks.sendPolicyToAll();
    deps.onPolicyChanged?.();
    advisors.broadcastToAdmins({ type: 'policy-version', version });
  };
  const policyVersions = new PolicyVersions(store, () => clock.now(), publishPolicy);

  return {
    policyVersions,
    help,
    alerts,
    bookings,
    kiosks,
    advisors,
    queue,
    get fleet() {
      return deps.fleet?.();
    },
    pcView,

    async signIn(name, password, ip) {
      const now = clock.now();
      const source = sourceKey(ip);
      const wait = signInSlowDown.waitFor(source, now);
      if (wait > 0) return { ok: false, message: `Too many failed sign-ins from here; try again in ${Math.ceil(wait / 1000)} s.`, retryAfterSeconds: Math.ceil(wait / 1000) };
      if (!signInSlowDown.begin(source)) return { ok: false, message: 'A sign-in from here is being checked; try again in a moment.', retryAfterSeconds: 1 };
      let ok: boolean;
      let advisor: ReturnType<HubStore['advisorByName']>;
      try {
        advisor = store.advisorByName(name);
        // Without an account, hash anyway: the answer takes as long either way.
        ok = await passwordChecks.run(async () => (advisor ? verifyPassword(advisor.passwordHash, password) : (await hashPassword(password), false)));
      } catch (error) {
        if (error instanceof Busy) return { ok: false, message: 'The hub is busy; try again in a few seconds.', retryAfterSeconds: 5 };
        throw error;
      } finally {
        signInSlowDown.end(source);
      }
      if (!ok || !advisor) {
        signInSlowDown.failed(source, clock.now());
        store.audit(now, 'system', 'sign-in failed', undefined, { source });
        return { ok: false, message: 'The name or the password is wrong.' };
      }
      signInSlowDown.succeeded(source);
      const token = newToken();
      store.createAdvisorSession(tokenHash(token), advisor.id, now, now + SESSION_HOURS * 3_600_000);
      store.audit(now, `advisor:${advisor.name}`, 'signed in');
      return { ok: true, token, name: advisor.name, admin: store.advisorIsAdmin(advisor.name) ?? false };
    },

    board(advisorName, admin = false) {
      const now = clock.now();
      const site = store.site()!;
      const day = siteDay(now, site.timeZone);
      const calls = store.helpCalls(day.start);
      // Today's figures from the daily aggregates: each session once, however often its events arrived.
      const today = siteDayAndHour(now, site.timeZone).day;
      const sums = new Map(
        (store.db.prepare("SELECT metric, sum(value) AS v FROM usage_daily WHERE day = ? AND metric LIKE 'sessions.%' GROUP BY metric").all(today) as Array<{ metric: string; v: number }>).map(
          (r) => [r.metric, r.v],
        ),
      );
      const booked = sums.get('sessions.booked') ?? 0;
      const walkIns = sums.get('sessions.walk-in') ?? 0;
      return {
        site: { name: site.name, timeZone: site.timeZone, caFingerprint: fingerprint(site.caCert), alertRepeatSeconds: alertRepeatSeconds(site.policy) },
        advisor: { name: advisorName, admin },
        pcs: store.pcs().filter((p) => !p.revoked).map((p) => pcView(p.id)!),
        help: calls,
        alerts: alerts.list(day.start),
        bookings: store.liveBookings(day.start).filter((b) => b.startsAt < day.end + 7 * 24 * 3_600_000).map(bookingView),
        counts: {
          sessions: booked + walkIns,
          walkIns,
          booked,
          helpCalls: calls.filter((c) => c.requestedAt >= day.start && !c.cancelledQuickly).length,
        },
        serverTime: now,
        queue: queue.view(),
      };
    },

    command(pcId, command, advisorName) {
      const pc = store.pc(pcId);
      if (!pc || pc.revoked) throw new HubError(404, 'unknown-pc', `there is no PC "${pcId}"`);
      const commandId = randomUUID();
      if (!kiosks.sendCommand(pcId, commandId, command)) {
        throw new HubError(409, 'pc-offline', `${pc.name} is not connected to the hub now; try again when it is online`);
      }
      store.audit(clock.now(), `advisor:${advisorName}`, `command ${command.kind}`, pcId, { commandId, ...command });
      return { commandId };
    },

    revoke(pcId, advisorName) {
      const now = clock.now();
      if (!store.revokePc(pcId, now)) throw new HubError(404, 'unknown-pc', `there is no paired PC "${pcId}"`);
      kiosks.disconnect(pcId, 'revoked');
      store.audit(now, `advisor:${advisorName}`, 'pc revoked', pcId);
      // Only the PC's entry changes: each console keeps its own board (and its advisor's name).
      const view = pcView(pcId);
      if (view) advisors.broadcast({ type: 'pc', pc: view });
    },

    pairingCode(advisorName) {
      return createPairingCode(store, `advisor:${advisorName}`, clock.now());
    },

    pair(request, ip) {
      const now = clock.now();
      const source = sourceKey(ip);
      const wait = pairingSlowDown.waitFor(source, now);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new HubError(429, 'slow-down', `Too many wrong pairing codes from here; try again in ${seconds} s.`, undefined, seconds);
      }
      if (request.protocol !== HUB_PROTOCOL_VERSION) {
        throw new HubError(400, 'version', `This hub speaks protocol ${HUB_PROTOCOL_VERSION}; the PC spoke ${request.protocol}. Update both to the same release.`);
      }
      const token = newToken();
      // The code is checked (and a wrong one counted) before anything is said about the PC id,
      // so nobody without a code learns which ids are paired.
      const outcome = store.transaction((): 'paired' | 'wrong-code' => {
        if (!store.usePairingCode(tokenHash(request.code), now, request.pcId)) return 'wrong-code';
        // A code is for a new PC (or one revoked first): it never takes over a PC that is paired now.
        // Thrown inside the transaction, so the code is not spent and IT can use it with the right pc.id.
        const existing = store.pc(request.pcId);
        if (existing?.paired && !existing.revoked) {
          throw new HubError(
            409,
            'already-paired',
            `A PC called "${request.pcId}" is already paired with this hub. Give this PC its own pc.id, or, if it replaces that PC, revoke the old pairing in the advisor console first.`,
            'pcId',
          );
        }
        store.pairPc(request.pcId, request.name, request.room, tokenHash(token), now);
        store.audit(now, `pc:${request.pcId}`, 'paired', request.pcId, { name: request.name, room: request.room, source });
        return 'paired';
      });
      if (outcome === 'wrong-code') {
        pairingSlowDown.failed(source, now);
        store.audit(now, 'system', 'pairing refused', request.pcId, { source });
        throw new HubError(401, 'wrong-code', 'The pairing code is wrong, used or expired; create a new one in the advisor console.');
      }
      pairingSlowDown.succeeded(source);
      logger.info('PC paired', { pc: request.pcId });
      // Whatever was still connected under this id (with a revoked token) is cut off.
      kiosks.disconnect(request.pcId, 'revoked');
      const site = store.site()!;
      advisors.broadcast({ type: 'pc', pc: pcView(request.pcId)! });
      // The PC's own code key, never the site's: its data folder then holds nothing that fits another PC's bookings.
      return { deviceToken: token, pcId: request.pcId, codeKey: codeKeyOf(store, request.pcId).toString('base64'), siteName: site.name };
    },

    pairLocal(pc) {
      const now = clock.now();
      const token = newToken();
      store.pairPc(pc.pcId, pc.name, pc.room, tokenHash(token), now);
      store.audit(now, 'system', 'paired (embedded)', pc.pcId);
      return { deviceToken: token, codeKey: codeKeyOf(store, pc.pcId) };
    },

    setPolicy(policy, advisorName) {
      const parsed = SitePolicy.parse(policy);
      publishPolicy(recordPolicyVersion(store, parsed, `advisor:${advisorName}`, clock.now()).version);
      return parsed;
    },

    async addAdvisor(name, password, admin) {
      await setAdvisorAccount(store, name, password, 'system', clock.now(), admin);
    },

    caFingerprint: () => fingerprint(store.site()!.caCert),
  };
}
