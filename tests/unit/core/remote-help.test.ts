import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asked, figuresOf, mayRelay, step, REMOTE_END_REASONS, type Party, type RemoteCall, type RemoteInput } from '../../../main/core/remote-help';

const PC: Party = { kind: 'pc', pcId: 'pc-1' };
const OTHER_PC: Party = { kind: 'pc', pcId: 'pc-2' };
const ADVISOR: Party = { kind: 'advisor', name: 'aino', console: 'console-a' };
const SECOND: Party = { kind: 'advisor', name: 'bertta', console: 'console-b' };
/** The same advisor signed in on another console: not the one that accepted. */
const SAME_NAME_ELSEWHERE: Party = { kind: 'advisor', name: 'aino', console: 'console-c' };

function run(call: RemoteCall, ...inputs: Array<[RemoteInput, Party]>): RemoteCall {
  for (const [input, from] of inputs) {
    const result = step(call, input, from);
    if (!result.ok) throw new Error(`refused: ${result.refused}`);
    call = result.call;
  }
  return call;
}

const accept = (at = 1_000): [RemoteInput, Party] => [{ type: 'accept', advisor: 'aino', console: 'console-a', at }, ADVISOR];
const consent = (given: boolean, at = 2_000): [RemoteInput, Party] => [{ type: 'consent', given, at }, PC];

describe('a remote help call', () => {
  it('goes asked → consent asked → sharing → ended, and its figures are seconds and the reason only', () => {
    const sharing = run(asked('pc-1', 0), accept(30_000), consent(true, 32_000));
    expect(sharing).toMatchObject({ phase: 'sharing', advisor: 'aino', console: 'console-a', acceptedAt: 30_000, sharedAt: 32_000 });
    const ended = run(sharing, [{ type: 'end', reason: 'resident-stopped', at: 92_000 }, PC]);
    expect(ended).toMatchObject({ phase: 'ended', reason: 'resident-stopped', endedAt: 92_000 });
    expect(figuresOf(ended)).toEqual({ waitSeconds: 30, sharedSeconds: 60, reason: 'resident-stopped' });
  });

  it('"Not now" ends it with nothing shared: no media, no pointer ever passed', () => {
    const consenting = run(asked('pc-1', 0), accept());
    expect(mayRelay(consenting, PC, 'signal')).toBe('not-now');
    expect(mayRelay(consenting, ADVISOR, 'pointer')).toBe('not-now');
    expect(mayRelay(consenting, ADVISOR, 'chat')).toBeUndefined();
    const declined = run(consenting, consent(false));
    expect(declined).toMatchObject({ phase: 'ended', reason: 'declined' });
    expect(figuresOf(declined)).toEqual({ waitSeconds: 1, reason: 'declined' });
    expect(mayRelay(declined, PC, 'signal')).toBe('ended');
  });

  it('refuses a second advisor, the same advisor on another console, another PC, and everyone after the end', () => {
    const sharing = run(asked('pc-1', 0), accept(), consent(true));
    expect(step(sharing, { type: 'accept', advisor: 'bertta', console: 'console-b', at: 3_000 }, SECOND)).toMatchObject({ ok: false, refused: 'taken' });
    for (const kind of ['signal', 'pointer', 'chat'] as const) {
      expect(mayRelay(sharing, SECOND, kind)).toBe('taken');
      expect(mayRelay(sharing, SAME_NAME_ELSEWHERE, kind)).toBe('taken');
      expect(mayRelay(sharing, OTHER_PC, kind === 'pointer' ? 'chat' : kind)).toBe('not-your-call');
    }
    expect(step(sharing, { type: 'end', reason: 'advisor-ended', at: 4_000 }, SECOND)).toMatchObject({ ok: false, refused: 'taken' });
    expect(step(sharing, { type: 'end', reason: 'connection-lost', at: 4_000 }, OTHER_PC)).toMatchObject({ ok: false, refused: 'not-your-call' });
    expect(mayRelay(sharing, PC, 'pointer')).toBe('not-now');
    expect(mayRelay(sharing, ADVISOR, 'pointer')).toBeUndefined();
    const ended = run(sharing, [{ type: 'end', reason: 'advisor-ended', at: 5_000 }, ADVISOR]);
    for (const party of [PC, ADVISOR]) expect(mayRelay(ended, party, 'chat')).toBe('ended');
    expect(step(ended, { type: 'consent', given: true, at: 6_000 }, PC)).toMatchObject({ ok: false, refused: 'ended' });
  });

  it('needs an advisor to accept before anything but the PC ending it', () => {
    const call = asked('pc-1', 0);
    expect(step(call, { type: 'consent', given: true, at: 1 }, PC)).toMatchObject({ ok: false, refused: 'not-now' });
    expect(step(call, { type: 'end', reason: 'advisor-ended', at: 1 }, ADVISOR)).toMatchObject({ ok: false, refused: 'not-now' });
    expect(mayRelay(call, ADVISOR, 'chat')).toBe('not-now');
    expect(run(call, [{ type: 'end', reason: 'cancelled', at: 5_000 }, PC])).toMatchObject({ phase: 'ended', reason: 'cancelled' });
    expect(figuresOf(run(call, [{ type: 'end', reason: 'cancelled', at: 5_000 }, PC]))).toEqual({ reason: 'cancelled' });
  });

  it('never relays to or from anyone but its PC and its console, whatever happens, and ends at most once (property)', () => {
    const party = fc.constantFrom(PC, OTHER_PC, ADVISOR, SECOND, SAME_NAME_ELSEWHERE);
    const input = fc.oneof(
      fc.record({ type: fc.constant('accept' as const), at: fc.nat(10_000_000) }).map((i) => ({ ...i, advisor: 'x', console: 'y' })),
      fc.record({ type: fc.constant('consent' as const), given: fc.boolean(), at: fc.nat(10_000_000) }),
      fc.record({ type: fc.constant('end' as const), reason: fc.constantFrom(...REMOTE_END_REASONS), at: fc.nat(10_000_000) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(input, party), { maxLength: 20 }), fc.constantFrom('signal' as const, 'pointer' as const, 'chat' as const), (inputs, kind) => {
        let call = asked('pc-1', 0);
        let ends = 0;
        for (const [raw, from] of inputs) {
          // An accept comes from the party it names.
          const i: RemoteInput = raw.type === 'accept' && from.kind === 'advisor' ? { ...raw, advisor: from.name, console: from.console } : raw;
          const result = step(call, i, from);
          if (result.ok && result.call.phase === 'ended') ends += 1;
          call = result.call;
          // The times never run backwards.
          if (call.acceptedAt !== undefined) expect(call.acceptedAt).toBeGreaterThanOrEqual(call.askedAt);
          if (call.sharedAt !== undefined) expect(call.sharedAt).toBeGreaterThanOrEqual(call.acceptedAt!);
          if (call.endedAt !== undefined) expect(call.endedAt).toBeGreaterThanOrEqual(call.sharedAt ?? call.acceptedAt ?? call.askedAt);
        }
        expect(ends).toBeLessThanOrEqual(1);
        expect(mayRelay(call, OTHER_PC, kind)).toBeDefined();
        for (const other of [ADVISOR, SECOND, SAME_NAME_ELSEWHERE] as const) {
          if (other.kind === 'advisor' && other.console !== call.console) expect(mayRelay(call, other, kind)).toBeDefined();
        }
        // Media and the pointer only while sharing, i.e. only after the resident said yes.
        if (kind !== 'chat' && mayRelay(call, PC, 'signal') === undefined) expect(call.sharedAt).toBeDefined();
        if (call.phase === 'ended') expect(figuresOf(call)?.reason).toBe(call.reason);
      }),
    );
  });
});
