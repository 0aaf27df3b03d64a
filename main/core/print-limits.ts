/**
 * Printing's pure rules: which pages a resident asked for, whether the
 * site's limits let them print, and the life of one print job. No I/O; the
 * kiosk's print feature (main/kiosk/printing.ts) feeds them counts and the
 * printer's answers.
 */

import { printerReasons } from './printer-state';

/** The most pages a range may name or a document may have before it is refused outright. */
export const MAX_DOCUMENT_PAGES = 400;
export const MAX_COPIES = 10;

export interface PrintLimits {
  /** Pages one session may print in all. */
  perSession: number;
  /** Pages this PC may print in a day (the site's day). */
  perPcPerDay: number;
  /** Jobs of more pages than this wait for the advisor's release (absent: none wait). */
  releaseOver?: number | undefined;
}

export interface PrintCounts {
  /** Pages printed (or sent and not failed) in this session so far. */
  session: number;
  /** Pages printed on this PC today so far. */
  today: number;
}

export type RangeProblem = 'empty' | 'syntax' | 'out-of-document' | 'reversed' | 'too-many';

/**
 * Parses a page selection as a resident types it ("2-3", "1, 4-6", "5") into
 * 1-based page numbers in document order, each once. Spaces are allowed, an
 * en dash counts as a hyphen. Pages outside 1..pageCount are refused, not
 * dropped, so the resident sees what was wrong.
 */
export function parsePageRange(text: string, pageCount: number): { ok: true; pages: number[] } | { ok: false; problem: RangeProblem } {
  // Dashes of every kind, and the Arabic comma and semicolon a resident types in Arabic (2-3 ، 5).
  const cleaned = text
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u060C\u061B]/g, ',')
    // Arabic-Indic digits, as an Arabic keyboard may type them.
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/\s+/g, '');
  if (cleaned === '') return { ok: false, problem: 'empty' };
  const chosen = new Set<number>();
  for (const part of cleaned.split(/[,;]/)) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!match) return { ok: false, problem: 'syntax' };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from > to) return { ok: false, problem: 'reversed' };
    if (from < 1 || to > pageCount) return { ok: false, problem: 'out-of-document' };
    for (let p = from; p <= to; p++) chosen.add(p);
  }
  if (chosen.size > MAX_DOCUMENT_PAGES) return { ok: false, problem: 'too-many' };
  return { ok: true, pages: [...chosen].sort((a, b) => a - b) };
}

/** How many more pages may print now: the lesser of what is left of the session's and the day's allowance. */
export function pagesLeft(counts: PrintCounts, limits: PrintLimits): number {
  return Math.max(0, Math.min(limits.perSession - counts.session, limits.perPcPerDay - counts.today));
}

export type PrintDecision =
  | { allowed: true; sheets: number; needsRelease: boolean }
  | { allowed: false; reason: 'no-pages' | 'too-many-copies' | 'session-limit' | 'day-limit' | 'too-long'; left: number };

/**
 * Whether `pages` pages in `copies` copies may print. The total (pages ×
 * copies) counts against the session's and the day's allowance; the reason
 * names the limit that bites first so the resident is told the right one.
 */
export function decidePrint(pages: number, copies: number, counts: PrintCounts, limits: PrintLimits): PrintDecision {
  const left = pagesLeft(counts, limits);
  if (pages < 1) return { allowed: false, reason: 'no-pages', left };
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) return { allowed: false, reason: 'too-many-copies', left };
  if (pages > MAX_DOCUMENT_PAGES) return { allowed: false, reason: 'too-long', left };
  const total = pages * copies;
  if (total > limits.perPcPerDay - counts.today) return { allowed: false, reason: 'day-limit', left };
  if (total > limits.perSession - counts.session) return { allowed: false, reason: 'session-limit', left };
  return { allowed: true, sheets: total, needsRelease: limits.releaseOver !== undefined && total > limits.releaseOver };
}

// ---- the job ---------------------------------------------------------------------

/** Why a job did not print, in words the kiosk translates for the resident. */
export type PrintFailure =
  | 'unreachable'
  | 'timeout'
  | 'media-empty'
  | 'media-jam'
  | 'stopped'
  | 'format'
  | 'refused'
  | 'cancelled'
  | 'not-configured';

export type JobState =
  | { state: 'waiting-release' }
  | { state: 'sending'; attempt: number }
  /** The send timed out or the connection broke: the printer is asked whether the job arrived before anything is sent again. */
  | { state: 'checking'; attempt: number }
  | { state: 'printing'; jobId: number }
  | { state: 'printed'; jobId: number }
  | { state: 'failed'; failure: PrintFailure; jobId?: number | undefined }
  | { state: 'cancelled' };

export type JobInput =
  | { type: 'released' }
  | { type: 'cancel' }
  | { type: 'accepted'; jobId: number }
  /** The send did not get an answer (timeout, connection reset): it may or may not have arrived. */
  | { type: 'send-uncertain' }
  /** The printer answered and refused, or could not be reached at all (nothing arrived). */
  | { type: 'send-failed'; failure: PrintFailure }
  /** Get-Jobs answered: the job with this PC's name and our marker is there (jobId), or not. */
  | { type: 'checked'; jobId: number | undefined }
  | { type: 'check-failed'; failure: PrintFailure }
  | { type: 'job-completed' }
  | { type: 'job-aborted'; failure: PrintFailure };

export type JobEffect = { type: 'send' } | { type: 'ask-printer' } | { type: 'cancel-at-printer'; jobId: number } | { type: 'count'; sheets: number };

/** A job is sent at most this many times (the first send and retries after a check found nothing). */
export const MAX_SEND_ATTEMPTS = 3;

export function startJob(needsRelease: boolean): { state: JobState; effects: JobEffect[] } {
  return needsRelease ? { state: { state: 'waiting-release' }, effects: [] } : { state: { state: 'sending', attempt: 1 }, effects: [{ type: 'send' }] };
}

export function isFinished(state: JobState): boolean {
  return state.state === 'printed' || state.state === 'failed' || state.state === 'cancelled';
}

/**
 * One job's machine. The rule that keeps a page from printing twice: after
 * an uncertain send the job goes to `checking`, and only a Get-Jobs answer
 * that does not list it leads to another send. Pages count once, when the
 * printer has accepted the job (they are on their way to paper); a job that
 * fails later was still sent, and its pages stay counted.
 */
export function stepJob(state: JobState, input: JobInput, sheets: number): { state: JobState; effects: JobEffect[] } {
  const same = { state, effects: [] as JobEffect[] };
  if (isFinished(state)) return same;
  switch (input.type) {
    case 'released':
      return state.state === 'waiting-release' ? { state: { state: 'sending', attempt: 1 }, effects: [{ type: 'send' }] } : same;
    case 'cancel':
      if (state.state === 'printing') return { state: { state: 'cancelled' }, effects: [{ type: 'cancel-at-printer', jobId: state.jobId }] };
      if (state.state === 'waiting-release') return { state: { state: 'cancelled' }, effects: [] };
      // While a send or a check is under way the job may already be at the printer:
      // the answer decides (the kiosk cancels it there when it arrives).
      return same;
    case 'accepted':
      return state.state === 'sending' || state.state === 'checking'
        ? { state: { state: 'printing', jobId: input.jobId }, effects: [{ type: 'count', sheets }] }
        : same;
    case 'send-uncertain':
      return state.state === 'sending' ? { state: { state: 'checking', attempt: state.attempt }, effects: [{ type: 'ask-printer' }] } : same;
    case 'send-failed':
      return state.state === 'sending' ? { state: { state: 'failed', failure: input.failure }, effects: [] } : same;
    case 'checked':
      if (state.state !== 'checking') return same;
      if (input.jobId !== undefined) return { state: { state: 'printing', jobId: input.jobId }, effects: [{ type: 'count', sheets }] };
      if (state.attempt >= MAX_SEND_ATTEMPTS) return { state: { state: 'failed', failure: 'timeout' }, effects: [] };
      return { state: { state: 'sending', attempt: state.attempt + 1 }, effects: [{ type: 'send' }] };
    case 'check-failed':
      // Not knowing whether it arrived, the job is never sent again: the resident is told, the advisor sees the printer.
      return state.state === 'checking' ? { state: { state: 'failed', failure: input.failure }, effects: [] } : same;
    case 'job-completed':
      return state.state === 'printing' ? { state: { state: 'printed', jobId: state.jobId }, effects: [] } : same;
    case 'job-aborted':
      return state.state === 'printing' ? { state: { state: 'failed', failure: input.failure, jobId: state.jobId }, effects: [] } : same;
  }
}

/** The printer's state reasons (RFC 8011 §5.4.12) that stop printing, as a failure the resident is told. */
export function failureFromReasons(reasons: readonly string[]): PrintFailure | undefined {
  const known = printerReasons(reasons);
  if (known.includes('media-empty')) return 'media-empty';
  if (known.includes('media-jam')) return 'media-jam';
  return undefined;
}
