import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attentionReasons, compareReleases, DEFAULT_HEALTH_LIMITS, lowDisk, needingAttention, newestRelease, type HealthInput } from '../../main/core/pc-health';

const GB = 1024 ** 3;
const healthy: HealthInput = {
  paired: true,
  revoked: false,
  online: true,
  clockSkewMs: 200,
  status: { phase: 'welcome', lastWipe: { ok: true } },
  health: { release: '1.4.0', disk: { freeBytes: 50 * GB, totalBytes: 100 * GB } },
};

describe('release order', () => {
  it('compares part by part as numbers, a pre-release before its release', () => {
    expect(compareReleases('1.10.0', '1.9.9')).toBe(1);
    expect(compareReleases('1.4', '1.4.0')).toBe(0);
    expect(compareReleases('v2.0.0', '1.99.99')).toBe(1);
    expect(compareReleases('1.4.0-beta.2', '1.4.0')).toBe(-1);
    expect(compareReleases('1.4.0-beta.10', '1.4.0-beta.2')).toBe(1);
  });

  it('never calls a name that is not a version older or newer', () => {
    expect(compareReleases('preview', '1.0.0')).toBe(0);
    expect(newestRelease(['test', undefined, '0.9.1', '0.10.0', 'preview'])).toBe('0.10.0');
    expect(newestRelease(['preview', undefined])).toBeUndefined();
  });

  it('is an order: antisymmetric and transitive over generated versions', () => {
    const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20), fc.option(fc.constantFrom('alpha.1', 'beta.2', 'rc.1'), { nil: undefined })).map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(Math.sign(compareReleases(a, b))).toBe(-Math.sign(compareReleases(b, a)));
        if (compareReleases(a, b) <= 0 && compareReleases(b, c) <= 0) expect(compareReleases(a, c)).toBeLessThanOrEqual(0);
        const newest = newestRelease([a, b, c])!;
        for (const v of [a, b, c]) expect(compareReleases(v, newest)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('needs attention', () => {
  it('a healthy PC on the newest release does not', () => {
    expect(attentionReasons(healthy, '1.4.0')).toEqual([]);
  });

  it('names every reason a PC has, in a fixed order', () => {
    const sick: HealthInput = {
      paired: true,
      revoked: false,
      online: false,
      clockSkewMs: -5 * 60_000,
      status: { phase: 'out-of-service', lastWipe: { ok: false } },
      health: { release: '1.3.9', disk: { freeBytes: 0.5 * GB, totalBytes: 100 * GB } },
    };
    expect(attentionReasons(sick, '1.4.0')).toEqual(['offline', 'out-of-service', 'wipe-failed', 'clock-skew', 'low-disk', 'old-version']);
  });

  it('takes the skew limit either way, and low disk as bytes or as a share', () => {
    const limit = DEFAULT_HEALTH_LIMITS.skewMs;
    expect(attentionReasons({ ...healthy, clockSkewMs: limit }, undefined)).toEqual([]);
    expect(attentionReasons({ ...healthy, clockSkewMs: -limit - 1 }, undefined)).toEqual(['clock-skew']);
    expect(lowDisk({ freeBytes: 2 * GB, totalBytes: 1000 * GB })).toBe(true); // 0.2 % left
    expect(lowDisk({ freeBytes: 0.9 * GB, totalBytes: 4 * GB })).toBe(true); // under 1 GB
    expect(lowDisk({ freeBytes: 3 * GB, totalBytes: 8 * GB })).toBe(false);
  });

  it('leaves out PCs not in the fleet (never paired, revoked) and compares versions only with PCs in it', () => {
    const pcs = [
      { ...healthy, id: 'a' },
      { ...healthy, id: 'b', health: { release: '1.3.0' } },
      { ...healthy, id: 'gone', revoked: true, health: { release: '9.0.0' } },
      { ...healthy, id: 'new', paired: false, online: false },
    ];
    expect(needingAttention(pcs).map((e) => [e.pc.id, e.reasons])).toEqual([['b', ['old-version']]]);
  });

  it('whatever a PC reports, a reason appears exactly when its rule holds', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom('welcome', 'active', 'out-of-service', 'wiping'),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.integer({ min: -600_000, max: 600_000 }),
        fc.nat(200),
        (online, phase, wipeOk, skew, freeGb) => {
          const pc: HealthInput = {
            paired: true,
            revoked: false,
            online,
            clockSkewMs: skew,
            status: { phase, ...(wipeOk === undefined ? {} : { lastWipe: { ok: wipeOk } }) },
            health: { release: '1.0.0', disk: { freeBytes: freeGb * GB, totalBytes: 200 * GB } },
          };
          const reasons = attentionReasons(pc, '1.0.0');
          expect(reasons.includes('offline')).toBe(!online);
          expect(reasons.includes('out-of-service')).toBe(phase === 'out-of-service');
          expect(reasons.includes('wipe-failed')).toBe(wipeOk === false);
          expect(reasons.includes('clock-skew')).toBe(Math.abs(skew) > DEFAULT_HEALTH_LIMITS.skewMs);
          expect(reasons.includes('low-disk')).toBe(freeGb < 10);
          expect(reasons.includes('old-version')).toBe(false);
        },
      ),
    );
  });
});
