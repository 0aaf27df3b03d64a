import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commandRefusal, type CommandKind } from '../../../main/core/advisor-commands';
import type { Phase } from '../../../main/core/session-machine';

const PHASES: Phase[] = ['welcome', 'active', 'warning', 'ending', 'wiping', 'feedback', 'out-of-service'];
const KINDS: CommandKind[] = ['end', 'extend', 'reset'];

describe('which advisor commands a PC carries out in each phase', () => {
  it('extend and end act on a running session only', () => {
    for (const kind of ['end', 'extend'] as const) {
      expect(commandRefusal('active', kind)).toBeUndefined();
      expect(commandRefusal('warning', kind)).toBeUndefined();
      expect(commandRefusal('welcome', kind)?.reason).toBe('no-session');
      expect(commandRefusal('feedback', kind)?.reason).toBe('no-session');
      expect(commandRefusal('out-of-service', kind)?.reason).toBe('out-of-service');
    }
  });

  it('a reset helps a PC out of service and is refused only while the PC is already clearing', () => {
    expect(commandRefusal('out-of-service', 'reset')).toBeUndefined();
    expect(commandRefusal('welcome', 'reset')).toBeUndefined();
    expect(commandRefusal('active', 'reset')).toBeUndefined();
    expect(commandRefusal('wiping', 'reset')?.reason).toBe('wiping');
  });

  it('property: while the last session is being cleared every command waits, and every refusal says why', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PHASES), fc.constantFrom(...KINDS), (phase, kind) => {
        const refusal = commandRefusal(phase, kind);
        if (phase === 'ending' || phase === 'wiping') expect(refusal?.reason).toBe('wiping');
        if (refusal) expect(refusal.detail.length).toBeGreaterThan(0);
      }),
    );
  });
});
