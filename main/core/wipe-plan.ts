import type { Clock } from './clock';
import { scrubText } from './redact';

/**
 * The wipe: the named steps run after every session, in this order. Each
 * step's outcome goes into the reset receipt. The shell carries them out.
 */
export const WIPE_PLAN = [
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
] as const;

export type WipeStep = (typeof WIPE_PLAN)[number];

/** What the probe page counts in a fresh partition; all must be zero. */
export interface ProbeCounts {
  cookies: number;
  localStorage: number;
  sessionStorage: number;
  indexedDB: number;
  cacheStorage: number;
  serviceWorkers: number;
}

export interface WipeStepOutcome {
  /** A short, log-safe note (never a URL or anything typed by a resident). */
  detail?: string;
  counts?: ProbeCounts;
}

export interface WipeStepResult {
  step: WipeStep;
  ok: boolean;
  ms: number;
  detail?: string;
  counts?: ProbeCounts;
}

export interface ResetReceipt {
  sessionId: string;
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  steps: WipeStepResult[];
  probe?: ProbeCounts;
  /** Why the receipt is not ok: the first failed step, or the probe's finding. */
  problem?: string;
}

export type WipeExecutor = (step: WipeStep, sessionId: string) => Promise<WipeStepOutcome>;

export function probeIsClean(counts: ProbeCounts): boolean {
  return Object.values(counts).every((n) => n === 0);
}

/**
 * Runs every step of the plan, in order, even after a failure (clearing as
 * much as possible is better than stopping half way), and returns the
 * receipt. The receipt is ok only if every step succeeded and the probe
 * found nothing.
 */
export async function runWipePlan(
  sessionId: string,
  execute: WipeExecutor,
  clock: Clock,
  onStep?: (result: WipeStepResult) => void,
): Promise<ResetReceipt> {
  const startedAt = clock.now();
  const steps: WipeStepResult[] = [];
  let probe: ProbeCounts | undefined;
  let problem: string | undefined;
  for (const step of WIPE_PLAN) {
    const begun = clock.monotonic();
    let result: WipeStepResult;
    try {
      const outcome = await execute(step, sessionId);
      result = { step, ok: true, ms: Math.round(clock.monotonic() - begun), ...outcome };
      if (outcome.detail !== undefined) result.detail = scrubText(outcome.detail).slice(0, 200);
      if (step === 'probe') {
        probe = outcome.counts;
        if (!probe) result = { ...result, ok: false, detail: 'the probe returned no counts' };
        else if (!probeIsClean(probe)) result = { ...result, ok: false, detail: 'the probe found data left behind' };
      }
    } catch (error) {
      result = { step, ok: false, ms: Math.round(clock.monotonic() - begun), detail: describeError(error) };
    }
    if (!result.ok && !problem) problem = `${step}: ${result.detail ?? 'failed'}`;
    steps.push(result);
    onStep?.(result);
  }
  const receipt: ResetReceipt = { sessionId, startedAt, finishedAt: clock.now(), ok: !problem, steps };
  if (probe) receipt.probe = probe;
  if (problem) receipt.problem = problem;
  return receipt;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Receipts are shown to IT and logged: keep them short and free of URLs.
  return scrubText(text).slice(0, 200);
}
