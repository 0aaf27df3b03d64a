/**
 * Updates through the hub, as rules (no I/O, time passed in as data):
 * which versions are newer, which release a PC may take now (staging),
 * when a PC may install, and how long it waits before trying a failed
 * download again. The hub (main/hub/updates.ts) and the kiosk
 * (main/kiosk/updates.ts) act on these.
 */

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers ("beta.2"); empty for a release. */
  pre: string[];
}

const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** A semantic version (2.0.0), or undefined for anything else (build metadata is allowed and ignored). */
export function parseSemver(text: string): Semver | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  const pre = m[4] === undefined ? [] : m[4].split('.');
  // Numeric pre-release identifiers have no leading zeros (semver 2.0.0, item 9).
  if (pre.some((id) => /^\d+$/.test(id) && id.length > 1 && id.startsWith('0'))) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre };
}

function comparePre(a: string[], b: string[]): number {
  if (!a.length || !b.length) return (b.length ? 1 : 0) - (a.length ? 1 : 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      if (Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    } else if (xn !== yn) {
      return xn ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** Semver precedence: negative if a comes before b, 0 if equal, positive after. Both must parse. */
export function compareVersions(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new Error(`not a semantic version: ${x ? b : a}`);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch || comparePre(x.pre, y.pre);
}

/** Whether a release may be added next to these: newer than every one (a rollback is a higher version). */
export function acceptNewVersion(version: string, existing: readonly string[]): { ok: true } | { ok: false; reason: 'not-semver' | 'not-newer'; newest?: string } {
  if (!parseSemver(version)) return { ok: false, reason: 'not-semver' };
  const newest = [...existing].filter((v) => parseSemver(v)).sort(compareVersions).at(-1);
  if (newest !== undefined && compareVersions(version, newest) <= 0) return { ok: false, reason: 'not-newer', newest };
  return { ok: true };
}

/** A release's stage: its first PC (the pilot), and whether an administrator let the rest take it. */
export interface ReleaseStage {
  version: string;
  /** The metadata files it has (latest.yml for Windows, latest-linux.yml for Linux). */
  channels: readonly string[];
  pilotPc?: string | undefined;
  confirmedAt?: number | undefined;
}

/** A PC may take a release once the rest were let through, or if it is the release's first PC. */
export function mayTake(release: ReleaseStage, pcId: string): boolean {
  return release.confirmedAt !== undefined || release.pilotPc === pcId;
}

/**
 * The release this PC may take now for this channel: the newest one it is
 * in the stage of. Undefined: none (the hub then tells the PC its own version).
 */
export function offeredRelease<R extends ReleaseStage>(releases: readonly R[], pcId: string, channel: string): R | undefined {
  return [...releases]
    .filter((r) => r.channels.includes(channel) && mayTake(r, pcId))
    .sort((a, b) => compareVersions(a.version, b.version))
    .at(-1);
}

/**
 * A new release with no first PC chosen goes to the first PC that asks for
 * it (an online PC, then): the releases whose pilot the asking PC becomes,
 * given the version it runs. Only releases newer than that, not yet let through.
 */
export function claimPilot<R extends ReleaseStage>(releases: readonly R[], running: string | undefined): R[] {
  return releases.filter(
    (r) => r.pilotPc === undefined && r.confirmedAt === undefined && (running === undefined || !parseSemver(running) || compareVersions(r.version, running) > 0),
  );
}

/** What a PC is doing about an update, as it reports it to the hub. */
export type UpdateState = 'idle' | 'downloading' | 'ready' | 'installing' | 'failed';

/** Why a downloaded update waits. */
export type InstallWait = 'session' | 'booking-soon' | 'not-ready';

export interface InstallSituation {
  now: number;
  /** The kiosk's phase: only on the welcome screen (or out of service) may it install. */
  phase: string;
  downloaded: boolean;
  /** Bookings that still hold the PC (their times). */
  bookings: ReadonlyArray<{ startsAt: number; endsAt: number }>;
  quietMinutes: number;
}

const INSTALL_PHASES = new Set(['welcome', 'out-of-service']);

/**
 * Whether a downloaded update may be installed now: never during a session
 * (or its warning, ending, wipe, feedback), and not when a booking holds the
 * PC now or starts within the quiet minutes.
 */
export function installDecision(s: InstallSituation): { install: true } | { install: false; wait: InstallWait; until?: number } {
  if (!s.downloaded) return { install: false, wait: 'not-ready' };
  if (!INSTALL_PHASES.has(s.phase)) return { install: false, wait: 'session' };
  const horizon = s.now + s.quietMinutes * 60_000;
  const soon = s.bookings.filter((b) => b.endsAt > s.now && b.startsAt < horizon);
  if (soon.length) return { install: false, wait: 'booking-soon', until: Math.max(...soon.map((b) => b.endsAt)) };
  return { install: true };
}

/** How long a PC waits before it tries a failed check or download again: 1 min, doubling, at most an hour. */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(60_000 * 2 ** Math.min(failures - 1, 10), 3_600_000);
}
