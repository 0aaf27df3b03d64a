import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  probeIsClean,
  runWipePlan,
  WIPE_PLAN,
  type ProbeCounts,
  type WipeStep,
  type WipeStepOutcome,
  type WipeStepResult,
} from '../../../main/core/wipe-plan';
import { TestTime } from '../../../main/core/test-time';

const T = Date.UTC(2026, 5, 1, 9, 0);
const CLEAN: ProbeCounts = { cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 };

/** An executor that records each call and takes `msPerStep` of (test) time per step. */
function executor(time: TestTime, opts: { fail?: Partial<Record<WipeStep, unknown>>; probe?: ProbeCounts | undefined; msPerStep?: number } = {}) {
  const calls: Array<[WipeStep, string]> = [];
  const run = async (step: WipeStep, sessionId: string): Promise<WipeStepOutcome> => {
    calls.push([step, sessionId]);
    time.advance(opts.msPerStep ?? 10);
    if (opts.fail && step in opts.fail) throw opts.fail[step];
    if (step === 'probe') return 'probe' in opts ? (opts.probe ? { counts: opts.probe } : {}) : { counts: CLEAN };
    return { detail: `${step} done` };
  };
  return { calls, run };
}

describe('WIPE_PLAN', () => {
  it('closes the view first, clears everything, and probes last', () => {
    expect(WIPE_PLAN).toEqual([
      'close-view',
      'clear-data',
      'clear-storage-data',
      'clear-cache',
      'clear-auth-cache',
      'clear-host-resolver-cache',
      'clear-code-caches',
      'close-connections',
      'delete-downloads',
      'clear-clipboard',
      'probe',
    ]);
  });
});

describe('probeIsClean', () => {
  it('is clean only when every count is zero', () => {
    expect(probeIsClean(CLEAN)).toBe(true);
    for (const key of Object.keys(CLEAN) as (keyof ProbeCounts)[]) {
      expect(probeIsClean({ ...CLEAN, [key]: 1 }), key).toBe(false);
    }
  });
});

describe('runWipePlan', () => {
  it('runs every step in plan order for the session, and a clean run gives an ok receipt', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time);
    const receipt = await runWipePlan('s-1', ex.run, time);
    expect(ex.calls).toEqual(WIPE_PLAN.map((step) => [step, 's-1']));
    expect(receipt.ok).toBe(true);
    expect(receipt.problem).toBeUndefined();
    expect(receipt.sessionId).toBe('s-1');
    expect(receipt.probe).toEqual(CLEAN);
    expect(receipt.steps.map((s) => s.step)).toEqual([...WIPE_PLAN]);
    expect(receipt.steps.every((s) => s.ok)).toBe(true);
  });

  it('records when it started and finished, and how long each step took', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { msPerStep: 25 });
    const receipt = await runWipePlan('s-1', ex.run, time);
    expect(receipt.startedAt).toBe(T);
    expect(receipt.finishedAt).toBe(T + 25 * WIPE_PLAN.length);
    expect(receipt.steps.map((s) => s.ms)).toEqual(WIPE_PLAN.map(() => 25));
    expect(receipt.steps[0]!.detail).toBe('close-view done');
  });

  it('keeps going after a failed step and names the first failure as the problem', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { fail: { 'clear-cache': new Error('cache busy'), 'delete-downloads': new Error('EBUSY') } });
    const receipt = await runWipePlan('s-2', ex.run, time);
    expect(ex.calls.map(([s]) => s)).toEqual([...WIPE_PLAN]);
    expect(receipt.ok).toBe(false);
    expect(receipt.problem).toBe('clear-cache: cache busy');
    const failed = receipt.steps.filter((s) => !s.ok).map((s) => [s.step, s.detail]);
    expect(failed).toEqual([
      ['clear-cache', 'cache busy'],
      ['delete-downloads', 'EBUSY'],
    ]);
    expect(receipt.probe).toEqual(CLEAN);
  });

  it('reports each step as it finishes, in order', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { fail: { 'clear-clipboard': new Error('no') } });
    const seen: WipeStepResult[] = [];
    const receipt = await runWipePlan('s-3', ex.run, time, (r) => seen.push(r));
    expect(seen).toEqual(receipt.steps);
    expect(seen.map((r) => r.ok)).toEqual(WIPE_PLAN.map((s) => s !== 'clear-clipboard'));
  });

  it('scrubs URLs out of error messages', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, {
      fail: { 'close-connections': new Error('could not close https://pankki.example.fi/login?user=matti&t=123 (and wss://hub.local:8443/ws) now') },
    });
    const receipt = await runWipePlan('s-4', ex.run, time);
    const detail = receipt.steps.find((s) => s.step === 'close-connections')!.detail!;
    expect(detail).toBe('could not close [url] (and [url] now');
    expect(receipt.problem).toBe('close-connections: could not close [url] (and [url] now');
    expect(receipt.problem).not.toContain('pankki');
    expect(receipt.problem).not.toContain('matti');
  });

  it('keeps error text short', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { fail: { 'clear-data': new Error('x'.repeat(1000)) } });
    const receipt = await runWipePlan('s-5', ex.run, time);
    expect(receipt.steps[1]!.detail).toHaveLength(200);
  });

  it('describes a thrown non-Error value', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { fail: { 'clear-data': 'plain string from file:///home/kiosk/secret.pdf' } });
    const receipt = await runWipePlan('s-6', ex.run, time);
    expect(receipt.problem).toBe('clear-data: plain string from [url]');
  });

  it('a probe that finds leftovers makes the receipt not ok, with the counts kept', async () => {
    const time = new TestTime('manual', T);
    const dirty = { ...CLEAN, cookies: 3, serviceWorkers: 1 };
    const ex = executor(time, { probe: dirty });
    const receipt = await runWipePlan('s-7', ex.run, time);
    expect(receipt.ok).toBe(false);
    expect(receipt.probe).toEqual(dirty);
    expect(receipt.problem).toBe('probe: the probe found data left behind');
    const probe = receipt.steps.at(-1)!;
    expect(probe).toMatchObject({ step: 'probe', ok: false, counts: dirty });
  });

  it('a probe that returns no counts is not ok', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { probe: undefined });
    const receipt = await runWipePlan('s-8', ex.run, time);
    expect(receipt.ok).toBe(false);
    expect(receipt.probe).toBeUndefined();
    expect(receipt.problem).toBe('probe: the probe returned no counts');
  });

  it('a probe that throws is not ok', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { fail: { probe: new Error('probe page crashed') } });
    const receipt = await runWipePlan('s-9', ex.run, time);
    expect(receipt.ok).toBe(false);
    expect(receipt.probe).toBeUndefined();
    expect(receipt.problem).toBe('probe: probe page crashed');
  });

  it('an earlier failure is the problem even when the probe also finds leftovers', async () => {
    const time = new TestTime('manual', T);
    const ex = executor(time, { fail: { 'clear-auth-cache': new Error('denied') }, probe: { ...CLEAN, indexedDB: 2 } });
    const receipt = await runWipePlan('s-10', ex.run, time);
    expect(receipt.problem).toBe('clear-auth-cache: denied');
  });

  it('property: the receipt is ok exactly when no step failed and the probe is clean; every step always runs', async () => {
    const countsArb = fc.record({
      cookies: fc.nat(3),
      localStorage: fc.nat(3),
      sessionStorage: fc.nat(3),
      indexedDB: fc.nat(3),
      cacheStorage: fc.nat(3),
      serviceWorkers: fc.nat(3),
    });
    await fc.assert(
      fc.asyncProperty(fc.subarray([...WIPE_PLAN]), countsArb, async (failing, counts) => {
        const time = new TestTime('manual', T);
        const fail = Object.fromEntries(failing.map((s) => [s, new Error(`${s} broke`)]));
        const ex = executor(time, { fail, probe: counts });
        const receipt = await runWipePlan('s', ex.run, time);
        expect(ex.calls.map(([s]) => s)).toEqual([...WIPE_PLAN]);
        const clean = Object.values(counts).every((n) => n === 0);
        expect(receipt.ok).toBe(failing.length === 0 && clean);
        const first = WIPE_PLAN.find((s) => failing.includes(s));
        if (first) expect(receipt.problem).toBe(`${first}: ${first} broke`);
        else if (!clean) expect(receipt.problem).toBe('probe: the probe found data left behind');
        else expect(receipt.problem).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});
