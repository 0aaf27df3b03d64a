import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptNewVersion,
  claimPilot,
  compareVersions,
  installDecision,
  offeredRelease,
  parseSemver,
  retryDelayMs,
  type ReleaseStage,
} from '../../../main/core/update-rules';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 7, 9, 0);
const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30), fc.option(fc.constantFrom('alpha', 'alpha.1', 'beta', 'beta.2', 'beta.11', 'rc.1'), { nil: undefined })).map(
  ([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`,
);

describe('versions', () => {
  it('reads semantic versions and refuses the rest', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, pre: [] });
    expect(parseSemver('1.2.3-beta.2+build.7')).toEqual({ major: 1, minor: 2, patch: 3, pre: ['beta', '2'] });
    for (const bad of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-01', '1.2.3-', '', 'latest', '1.2.3.4']) expect(parseSemver(bad), bad).toBeUndefined();
  });

  it('orders them as semver 2.0.0 does', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '2.0.0'];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
    expect(compareVersions('1.0.0+a', '1.0.0+b')).toBe(0);
  });

  it('is a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(Math.sign(compareVersions(a, b))).toBe(-Math.sign(compareVersions(b, a)));
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('takes a release only when it is newer than every one the hub has (a rollback is a higher version)', () => {
    expect(acceptNewVersion('1.3.0', ['1.2.0', '1.2.1'])).toEqual({ ok: true });
    expect(acceptNewVersion('1.2.1', ['1.2.0', '1.2.1'])).toEqual({ ok: false, reason: 'not-newer', newest: '1.2.1' });
    expect(acceptNewVersion('1.1.9', ['1.2.0'])).toEqual({ ok: false, reason: 'not-newer', newest: '1.2.0' });
    expect(acceptNewVersion('banana', [])).toEqual({ ok: false, reason: 'not-semver' });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 6 }), version, (existing, v) => {
        const answer = acceptNewVersion(v, existing);
        expect(answer.ok).toBe(existing.every((e) => compareVersions(v, e) > 0));
      }),
    );
  });
});

describe('staging', () => {
  const releases: ReleaseStage[] = [
    { version: '1.1.0', channels: ['latest-linux.yml', 'latest.yml'], confirmedAt: T },
    { version: '1.2.0', channels: ['latest-linux.yml'], pilotPc: 'pc-1' },
  ];

  it('gives the new release to its first PC only; the rest keep the last one let through', () => {
    expect(offeredRelease(releases, 'pc-1', 'latest-linux.yml')?.version).toBe('1.2.0');
    expect(offeredRelease(releases, 'pc-2', 'latest-linux.yml')?.version).toBe('1.1.0');
    // Windows has no 1.2.0: its newest is 1.1.0 for everyone.
    expect(offeredRelease(releases, 'pc-1', 'latest.yml')?.version).toBe('1.1.0');
    expect(offeredRelease([], 'pc-1', 'latest.yml')).toBeUndefined();
  });

  it('after the confirmation every PC takes it', () => {
    const confirmed = releases.map((r) => (r.version === '1.2.0' ? { ...r, confirmedAt: T + MIN } : r));
    for (const pc of ['pc-1', 'pc-2', 'pc-3']) expect(offeredRelease(confirmed, pc, 'latest-linux.yml')?.version).toBe('1.2.0');
  });

  it('a PC never gets a release it is not in the stage of, and always the newest it is in', () => {
    const stage = fc.record({
      version,
      channels: fc.constant(['latest-linux.yml']),
      pilotPc: fc.option(fc.constantFrom('pc-1', 'pc-2', 'pc-3'), { nil: undefined }),
      confirmedAt: fc.option(fc.constant(T), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(stage, { selector: (r) => r.version, maxLength: 6 }), fc.constantFrom('pc-1', 'pc-2', 'pc-3'), (list, pc) => {
        const offered = offeredRelease(list, pc, 'latest-linux.yml');
        const allowed = list.filter((r) => r.confirmedAt !== undefined || r.pilotPc === pc);
        if (!offered) {
          expect(allowed).toEqual([]);
          return;
        }
        expect(allowed).toContain(offered);
        for (const r of allowed) expect(compareVersions(r.version, offered.version)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('the first PC that asks becomes the pilot of a release that has none, if it is newer than what it runs', () => {
    const fresh: ReleaseStage[] = [{ version: '1.3.0', channels: ['latest-linux.yml'] }, ...releases];
    expect(claimPilot(fresh, '1.1.0').map((r) => r.version)).toEqual(['1.3.0']);
    expect(claimPilot(fresh, '1.3.0')).toEqual([]);
    expect(claimPilot(releases, '1.1.0')).toEqual([]);
  });
});

describe('when a PC installs', () => {
  const base = { now: T, phase: 'welcome', downloaded: true, bookings: [], quietMinutes: 30 };

  it('only on the welcome screen with no booking within the quiet minutes', () => {
    expect(installDecision(base)).toEqual({ install: true });
    expect(installDecision({ ...base, downloaded: false })).toEqual({ install: false, wait: 'not-ready' });
    for (const phase of ['active', 'warning', 'ending', 'wiping', 'feedback']) expect(installDecision({ ...base, phase })).toEqual({ install: false, wait: 'session' });
    expect(installDecision({ ...base, bookings: [{ startsAt: T + 29 * MIN, endsAt: T + 60 * MIN }] })).toEqual({ install: false, wait: 'booking-soon', until: T + 60 * MIN });
    // A booking that holds the PC now (its resident not here yet) counts too.
    expect(installDecision({ ...base, bookings: [{ startsAt: T - 5 * MIN, endsAt: T + 25 * MIN }] })).toMatchObject({ install: false, wait: 'booking-soon' });
    expect(installDecision({ ...base, bookings: [{ startsAt: T + 31 * MIN, endsAt: T + 60 * MIN }, { startsAt: T - 60 * MIN, endsAt: T }] })).toEqual({ install: true });
  });

  it('never installs in a session or with a booking starting within the quiet minutes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('welcome', 'active', 'warning', 'ending', 'wiping', 'feedback', 'out-of-service'),
        fc.array(fc.tuple(fc.integer({ min: -120, max: 240 }), fc.integer({ min: 1, max: 120 })), { maxLength: 4 }),
        fc.integer({ min: 0, max: 120 }),
        (phase, slots, quietMinutes) => {
          const bookings = slots.map(([start, length]) => ({ startsAt: T + start * MIN, endsAt: T + (start + length) * MIN }));
          const answer = installDecision({ now: T, phase, downloaded: true, bookings, quietMinutes });
          if (!answer.install) return;
          expect(['welcome', 'out-of-service']).toContain(phase);
          for (const b of bookings) expect(b.endsAt <= T || b.startsAt >= T + quietMinutes * MIN).toBe(true);
        },
      ),
    );
  });

  it('tries a failed download again after 1 minute, doubling, never more than an hour apart', () => {
    expect([0, 1, 2, 3, 7, 8, 50].map(retryDelayMs)).toEqual([0, MIN, 2 * MIN, 4 * MIN, 60 * MIN, 60 * MIN, 60 * MIN]);
  });
});
