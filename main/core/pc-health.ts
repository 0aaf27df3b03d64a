/**
 * Which PCs need IT's attention, from what each reports of itself (issue 15).
 * Pure: the console's "Needs attention" filter and the tests use the same rules.
 */

export const ATTENTION_REASONS = ['offline', 'out-of-service', 'wipe-failed', 'clock-skew', 'low-disk', 'old-version'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** A PC as the rules need it (a subset of the board's PcView). */
export interface HealthInput {
  paired: boolean;
  revoked: boolean;
  online: boolean;
  clockSkewMs?: number | undefined;
  status?: { phase: string; lastWipe?: { ok: boolean } | undefined } | undefined;
  health?: { release?: string | undefined; disk?: { freeBytes: number; totalBytes: number } | undefined } | undefined;
}

export interface HealthLimits {
  /** A clock further off than this (either way) needs setting. */
  skewMs: number;
  /** Less free space than this, or than `lowDiskShare` of the disk, is low. */
  lowDiskBytes: number;
  lowDiskShare: number;
}

export const DEFAULT_HEALTH_LIMITS: HealthLimits = { skewMs: 60_000, lowDiskBytes: 1024 ** 3, lowDiskShare: 0.05 };

/**
 * Compares two release names ("1.4.2", "1.10.0-beta.1"): numbers part by
 * part, a pre-release before its release. Names that are not versions
 * ("preview", "test") compare equal to everything: never "old".
 */
export function compareReleases(a: string, b: string): number {
  const pa = parseRelease(a);
  const pb = parseRelease(b);
  if (!pa || !pb) return 0;
  for (let i = 0; i < 3; i++) if (pa.parts[i] !== pb.parts[i]) return pa.parts[i]! < pb.parts[i]! ? -1 : 1;
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === undefined) return 1;
  if (pb.pre === undefined) return -1;
  return pa.pre.localeCompare(pb.pre, 'en', { numeric: true });
}

function parseRelease(name: string): { parts: number[]; pre: string | undefined } | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/.exec(name.trim());
  if (!m) return undefined;
  return { parts: [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)], pre: m[4] };
}

/** The newest release any PC reported (undefined when none reported a version). */
export function newestRelease(releases: Iterable<string | undefined>): string | undefined {
  let newest: string | undefined;
  for (const r of releases) {
    if (r === undefined || !parseRelease(r)) continue;
    if (newest === undefined || compareReleases(r, newest) > 0) newest = r;
  }
  return newest;
}

export function lowDisk(disk: { freeBytes: number; totalBytes: number }, limits: HealthLimits = DEFAULT_HEALTH_LIMITS): boolean {
  return disk.freeBytes < limits.lowDiskBytes || (disk.totalBytes > 0 && disk.freeBytes / disk.totalBytes < limits.lowDiskShare);
}

/**
 * Why this PC needs attention (empty: it does not). A PC never paired or
 * revoked is not part of the fleet. Offline, only what was known before
 * it went away counts besides "offline" itself.
 */
export function attentionReasons(pc: HealthInput, newest: string | undefined, limits: HealthLimits = DEFAULT_HEALTH_LIMITS): AttentionReason[] {
  if (!pc.paired || pc.revoked) return [];
  const reasons: AttentionReason[] = [];
  if (!pc.online) reasons.push('offline');
  if (pc.status?.phase === 'out-of-service') reasons.push('out-of-service');
  if (pc.status?.lastWipe?.ok === false) reasons.push('wipe-failed');
  if (pc.clockSkewMs !== undefined && Math.abs(pc.clockSkewMs) > limits.skewMs) reasons.push('clock-skew');
  if (pc.health?.disk && lowDisk(pc.health.disk, limits)) reasons.push('low-disk');
  const release = pc.health?.release;
  if (release !== undefined && newest !== undefined && compareReleases(release, newest) < 0) reasons.push('old-version');
  return reasons;
}

/** The PCs that need attention, each with its reasons, in the board's order. */
export function needingAttention<P extends HealthInput>(pcs: readonly P[], limits: HealthLimits = DEFAULT_HEALTH_LIMITS): Array<{ pc: P; reasons: AttentionReason[] }> {
  const newest = newestRelease(pcs.filter((p) => p.paired && !p.revoked).map((p) => p.health?.release));
  return pcs.map((pc) => ({ pc, reasons: attentionReasons(pc, newest, limits) })).filter((e) => e.reasons.length > 0);
}
