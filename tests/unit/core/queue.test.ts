import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_QUEUE, aheadOf, step, type QueueEffect, type QueueInput, type QueuePolicy, type QueueState } from '../../../main/core/queue';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 7, 9, 0);
const POLICY: QueuePolicy = { enabled: true, holdMinutes: 3, prefix: 'A', maxWaitingPerKiosk: 5 };
const DAY = '2026-12-07';

/** Runs inputs one after another, keeping every effect. */
function run(inputs: QueueInput[], policy = POLICY, from: QueueState = EMPTY_QUEUE) {
  let state = from;
  const effects: QueueEffect[] = [];
  for (const input of inputs) {
    const result = step(state, input, policy);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}

const take = (id: string, kioskId = 'k1', at = T, day = DAY): QueueInput => ({ type: 'take', id, kioskId, at, day });
const tick = (at: number, free: string[] = [], busy: string[] = [], lost: string[] = [], day = DAY): QueueInput => ({ type: 'tick', at, day, free, busy, lost });
const labels = (s: QueueState) => s.entries.map((e) => `${e.label}${e.call ? `@${e.call.pcId}` : ''}`);

describe('taking a number', () => {
  it('gives A-1, A-2, … and the waiting numbers before each', () => {
    const { state, effects } = run([take('n1'), take('n2', 'k2'), take('n3')]);
    expect(labels(state)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(effects.map((e) => (e.type === 'taken' ? e.ahead : -1))).toEqual([0, 1, 2]);
    expect(aheadOf(state, 'n3')).toBe(2);
  });

  it('starts again at 1 on a new site day and drops what was left of the last one', () => {
    const { state, effects } = run([take('n1'), take('n2'), take('n3', 'k1', T + 24 * 60 * MIN, '2026-12-08')]);
    expect(labels(state)).toEqual(['A-1']);
    expect(effects.filter((e) => e.type === 'ended').map((e) => e.type === 'ended' && e.how)).toEqual(['day-over', 'day-over']);
  });

  it('refuses a kiosk whose numbers already wait up to the limit, and a queue switched off', () => {
    const inputs = Array.from({ length: 20 }, (_, i) => take(`n${i}`));
    const { state, effects } = run(inputs);
    expect(state.entries).toHaveLength(5);
    expect(effects.filter((e) => e.type === 'refused')).toHaveLength(15);
    expect(effects.at(-1)).toEqual({ type: 'refused', reason: 'limit' });
    // Another kiosk still may.
    expect(step(state, take('x', 'k2'), POLICY).effects[0]).toMatchObject({ type: 'taken', entry: { label: 'A-6' } });
    expect(step(EMPTY_QUEUE, take('x'), { ...POLICY, enabled: false }).effects).toEqual([{ type: 'refused', reason: 'disabled' }]);
  });
});

describe('calling numbers', () => {
  it('calls the first number to a PC that became free, for the hold time', () => {
    const { state, effects } = run([take('n1'), take('n2'), tick(T + MIN, ['pc-2'])]);
    expect(labels(state)).toEqual(['A-1@pc-2', 'A-2']);
    expect(effects.at(-1)).toMatchObject({ type: 'called', call: { pcId: 'pc-2', until: T + 4 * MIN } });
  });

  it('drops a number not taken in time and calls the next to the same PC', () => {
    const { state, effects } = run([take('n1'), take('n2'), tick(T, ['pc-1']), tick(T + 3 * MIN - 1, ['pc-1']), tick(T + 3 * MIN, ['pc-1'])]);
    expect(labels(state)).toEqual(['A-2@pc-1']);
    expect(effects.filter((e) => e.type === 'ended')).toEqual([expect.objectContaining({ how: 'expired', entry: expect.objectContaining({ label: 'A-1' }) })]);
  });

  it('counts a number started when its PC is busy or the PC says so', () => {
    const busy = run([take('n1'), take('n2'), tick(T, ['pc-1', 'pc-2']), tick(T + MIN, [], ['pc-1'])]);
    expect(labels(busy.state)).toEqual(['A-2@pc-2']);
    const started = step(busy.state, { type: 'start', pcId: 'pc-2', at: T + MIN }, POLICY);
    expect(started.state.entries).toEqual([]);
    expect(started.effects).toEqual([expect.objectContaining({ type: 'ended', how: 'started' })]);
    expect(step(started.state, { type: 'start', pcId: 'pc-2', at: T + MIN }, POLICY).effects).toEqual([{ type: 'refused', reason: 'unknown-number' }]);
  });

  it('calls a number again to the next free PC when its PC goes offline, keeping its place', () => {
    const { state, effects } = run([take('n1'), take('n2'), tick(T, ['pc-1']), tick(T + MIN, [], [], ['pc-1']), tick(T + 2 * MIN, ['pc-3'], [], ['pc-1'])]);
    expect(labels(state)).toEqual(['A-1@pc-3', 'A-2']);
    expect(effects.map((e) => e.type)).toEqual(['taken', 'taken', 'called', 'recalled', 'called']);
  });

  it('lets the advisor call a chosen number to a free PC, skip one and clear all', () => {
    const { state } = run([take('n1'), take('n2'), take('n3')]);
    const called = step(state, { type: 'call', at: T, pcId: 'pc-1', id: 'n2', free: ['pc-1'] }, POLICY);
    expect(labels(called.state)).toEqual(['A-1', 'A-2@pc-1', 'A-3']);
    expect(step(called.state, { type: 'call', at: T, pcId: 'pc-1', free: ['pc-1'] }, POLICY).effects).toEqual([{ type: 'refused', reason: 'pc-not-free' }]);
    expect(step(called.state, { type: 'call', at: T, pcId: 'pc-9', free: ['pc-1'] }, POLICY).effects).toEqual([{ type: 'refused', reason: 'pc-not-free' }]);
    expect(step(called.state, { type: 'call', at: T, pcId: 'pc-2', id: 'n2', free: ['pc-2'] }, POLICY).effects).toEqual([{ type: 'refused', reason: 'not-waiting' }]);
    const skipped = step(called.state, { type: 'skip', id: 'n1', at: T }, POLICY);
    expect(labels(skipped.state)).toEqual(['A-2@pc-1', 'A-3']);
    const cleared = step(skipped.state, { type: 'clear', at: T }, POLICY);
    expect(cleared.state.entries).toEqual([]);
    expect(cleared.effects.map((e) => e.type === 'ended' && e.how)).toEqual(['cleared', 'cleared']);
    expect(step(EMPTY_QUEUE, { type: 'call', at: T, pcId: 'pc-1', free: ['pc-1'] }, POLICY).effects).toEqual([{ type: 'refused', reason: 'empty' }]);
  });
});

describe('properties', () => {
  const pcs = ['pc-1', 'pc-2', 'pc-3', 'pc-4'];
  const someOf = fc.subarray(pcs);
  const input = fc.oneof(
    fc.record({ type: fc.constant('take' as const), kioskId: fc.constantFrom('k1', 'k2', 'k3') }),
    fc.record({ type: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 4 }), free: someOf, busy: someOf, lost: someOf }),
    fc.record({ type: fc.constant('start' as const), pcId: fc.constantFrom(...pcs) }),
    fc.record({ type: fc.constant('call' as const), pcId: fc.constantFrom(...pcs), free: someOf, pick: fc.option(fc.nat(8)) }),
    fc.record({ type: fc.constant('skip' as const), pick: fc.nat(8) }),
    fc.record({ type: fc.constant('clear' as const) }),
  );

  it('calls no number to two PCs nor two numbers to one PC, calls in order, and loses or doubles none', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 60 }), (script) => {
        let state = EMPTY_QUEUE;
        let at = T;
        let n = 0;
        const taken = new Set<string>();
        const ended = new Set<string>();
        for (const s of script) {
          let queueInput: QueueInput;
          const pickId = (i: number) => state.entries[i % Math.max(1, state.entries.length)]?.id ?? 'none';
          switch (s.type) {
            case 'take':
              queueInput = take(`n${n++}`, s.kioskId, at);
              break;
            case 'tick': {
              at += s.minutes * MIN;
              // A PC is in one condition at a time.
              const busy = s.busy.filter((p) => !s.free.includes(p));
              const lost = s.lost.filter((p) => !s.free.includes(p) && !busy.includes(p));
              queueInput = tick(at, s.free, busy, lost);
              break;
            }
            case 'start':
              queueInput = { type: 'start', pcId: s.pcId, at };
              break;
            case 'call':
              queueInput = { type: 'call', at, pcId: s.pcId, free: s.free, id: s.pick === null ? undefined : pickId(s.pick) };
              break;
            case 'skip':
              queueInput = { type: 'skip', id: pickId(s.pick), at };
              break;
            case 'clear':
              queueInput = { type: 'clear', at };
              break;
          }
          const before = state;
          const result = step(state, queueInput, POLICY);
          state = result.state;
          for (const e of result.effects) {
            if (e.type === 'taken') {
              expect(taken.has(e.entry.id)).toBe(false);
              taken.add(e.entry.id);
            }
            if (e.type === 'ended') {
              expect(ended.has(e.entry.id)).toBe(false);
              ended.add(e.entry.id);
            }
            if (e.type === 'called' && queueInput.type === 'tick') {
              // The queue's own calls go in order: nothing waiting stands before the number called.
              expect(state.entries.some((x) => x.call === undefined && x.seq < e.entry.seq)).toBe(false);
              expect(queueInput.free).toContain(e.call.pcId);
            }
          }
          // No PC holds two numbers.
          const called = state.entries.flatMap((e) => (e.call ? [e.call.pcId] : []));
          expect(new Set(called).size).toBe(called.length);
          // Every number taken is in line or ended, exactly once.
          const inLine = new Set(state.entries.map((e) => e.id));
          for (const id of taken) expect(inLine.has(id) !== ended.has(id)).toBe(true);
          expect(inLine.size).toBe(state.entries.length);
          // Numbers stay in seq order and unique.
          const seqs = state.entries.map((e) => e.seq);
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
          expect(new Set(seqs).size).toBe(seqs.length);
          if (before.lastSeq > state.lastSeq) expect(state.day).not.toBe(before.day);
        }
      }),
      { numRuns: 300 },
    );
  });
});
