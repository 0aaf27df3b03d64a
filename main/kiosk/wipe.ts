import { runWipePlan, type WipeStepResult } from '../core/wipe-plan';
import { WELCOME, type EndReason } from '../core/session-machine';
import { describeError } from '../log/logger';
import type { KioskStatus } from '../../preload/hub-contract';
import type { KioskContext } from './feature';
import type { SnapshotInput } from './snapshot';

export interface Wipe {
  /**
   * Finishes the sessions a crash (or a failed wipe) left behind: each is
   * closed as interrupted and wiped, then the welcome screen opens. False
   * when a wipe fails again (the PC stays out of service).
   */
  recover(): Promise<boolean>;
  /** The last wipe's outcome, for the advisor. */
  lastWipe(): KioskStatus['lastWipe'];
  snapshotPart(): Pick<SnapshotInput, 'endReason' | 'wipeSteps' | 'outOfServiceSince'>;
}

/**
 * The end of every session: the wipe plan run step by step on screen, its
 * receipt stored, and the PC out of service when a wipe (or a feature's
 * safeguard) fails, until a recovery wipe succeeds.
 */
export function setupWipe(ctx: KioskContext): Wipe {
  const { store, shell, clock } = ctx.deps;
  let wipeSteps: WipeStepResult[] = [];
  let endReason: EndReason | undefined;
  let lastWipe: KioskStatus['lastWipe'];
  let outOfServiceSince: number | undefined;

  /** Runs the wipe plan, stores the receipt and reports the outcome to the machine. */
  async function wipe(sessionId: string): Promise<boolean> {
    wipeSteps = [];
    ctx.emit();
    const receipt = await runWipePlan(sessionId, shell.wipeStep, clock, (r) => {
      wipeSteps = [...wipeSteps, r];
      ctx.emit();
    });
    const fault = ctx.fault();
    let ok = receipt.ok && !fault;
    let problem = receipt.problem ?? fault;
    try {
      store.saveReceipt(receipt);
      lastWipe = receipt.problem ? { at: receipt.finishedAt, ok: receipt.ok, problem: receipt.problem.slice(0, 300) } : { at: receipt.finishedAt, ok: receipt.ok };
    } catch (error) {
      // Without its receipt a wipe cannot be shown to have happened.
      ok = false;
      problem = `the reset receipt could not be saved: ${describeError(error)}`;
    }
    ctx.log.info('wipe finished', { session: sessionId, ok, ms: receipt.finishedAt - receipt.startedAt, problem });
    if (ctx.state.phase === 'wiping') {
      ctx.guarded('finish wipe', () =>
        ctx.dispatch(ok ? { type: 'wipe-done', ok: true } : { type: 'wipe-done', ok: false, problem: problem ?? 'wipe failed' }),
      )();
    }
    return ok;
  }

  ctx.register({
    sessionStarting() {
      wipeSteps = [];
      endReason = undefined;
    },
    effect(effect) {
      switch (effect.type) {
        case 'record-end':
          endReason = effect.reason;
          return;
        case 'run-wipe':
          void wipe(effect.sessionId).catch((error: unknown) => ctx.log.error('wipe crashed', { error: describeError(error) }));
          return;
        case 'out-of-service':
          outOfServiceSince = clock.now();
          ctx.log.error('out of service', { reason: effect.reason });
          return;
      }
    },
  });

  return {
    async recover() {
      for (const session of store.closeInterrupted()) {
        // The computer stopped before this session's wipe was done: wipe it now.
        // The machine treats it as interrupted, so no feedback is asked of anyone.
        ctx.log.warn('finishing a session that did not end cleanly', { session: session.id, reason: session.endReason });
        endReason = 'interrupted';
        ctx.enter({ phase: 'wiping', sessionId: session.id, reason: 'interrupted' });
        if (!(await wipe(session.id))) return false;
      }
      outOfServiceSince = undefined;
      endReason = undefined;
      ctx.enter(WELCOME);
      return true;
    },
    lastWipe: () => lastWipe,
    snapshotPart: () => ({ endReason, wipeSteps, outOfServiceSince }),
  };
}
