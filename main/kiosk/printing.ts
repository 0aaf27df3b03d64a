import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import { inSession } from '../core/session-machine';
import { siteDay } from '../core/site-time';
import { decidePrint, failureFromReasons, pagesLeft, parsePageRange, startJob, stepJob, type JobEffect, type JobInput, type JobState, type PrintFailure } from '../core/print-limits';
import { printingFor, PAPER_SIZES } from '../config/policy-printing';
import { IppPrinter, JOB_STATE, PrinterError } from '../print/ipp-printer';
import { countPdf, MAX_PDF_BYTES, selectPages } from '../print/pdf-pages';
import { describeError } from '../log/logger';
import type { ConfirmRefusal, PrintRefusal, PrintView } from '../../preload/contract';
import type { KioskContext } from './feature';
import type { PrinterAnswer } from './printer-status';

export interface Printing {
  prepare(file: string | undefined): Promise<{ result: 'ok'; pages: number } | { result: 'refused'; reason: PrintRefusal }>;
  check(range: string | undefined, copies: number): { result: 'ok'; sheets: number; needsRelease: boolean } | { result: 'refused'; reason: ConfirmRefusal; left: number };
  confirm(range: string | undefined, copies: number): Promise<{ result: 'ok'; sheets: number } | { result: 'refused'; reason: ConfirmRefusal; left: number }>;
  cancel(): void;
  dismiss(): void;
  readFile(name: string): Promise<{ result: 'ok'; base64: string } | { result: 'refused'; reason: PrintRefusal }>;
  /** The advisor released a job waiting for release (absent a hub: never). */
  release(): void;
  /** The job waiting for an advisor's release, if any. */
  held(): { sheets: number; since: number } | undefined;
  /** The advisor cancelled the job waiting for release. */
  cancelHeld(): void;
  snapshotPart(): PrintView | undefined;
}

interface Job {
  state: JobState;
  sheets: number;
  /** The exact PDF to send, in memory only, until the printer has it. */
  bytes: Uint8Array | undefined;
  printer: IppPrinter;
  /** This PC's job ids at the printer before the first send (a retry's check looks for a new one). */
  before: Set<number> | undefined;
  seq: number;
  sessionId: string;
  /** A printer problem the job waits on while printing (out of paper). */
  waitingOn?: PrintFailure | undefined;
  /** When it was confirmed. */
  at: number;
}

const POLL_MS = 1_000;
/** A job still not done after this long is left to the printer (the resident is told it was sent). */
const POLL_FOR_MS = 10 * 60_000;

/**
 * The kiosk's print flow: it counts what it prints, asks the resident to
 * confirm against the site's limits, and sends exactly that PDF to the site
 * printer over IPP, once. PDFs live in memory or in the session's folder
 * only (the wipe deletes the folder); pages printed become usage events.
 */
export function setupPrinting(ctx: KioskContext, heard: (answer: PrinterAnswer) => void = () => {}): Printing {
  const { shell, store, clock } = ctx.deps;
  let sessionPages = 0;
  let offer: { source: 'page' | 'file'; pages: number; doc: PDFDocument; seq: number } | undefined;
  let preparing = false;
  let refused: { reason: PrintRefusal; seq: number } | undefined;
  let job: Job | undefined;
  let seq = 0;
  let jobCount = 0;

  const settings = () => printingFor(ctx.config.printing, ctx.config.pc.id);
  const sessionId = () => (inSession(ctx.state) ? ctx.state.session.id : undefined);
  const today = () => store.events.pagesPrintedSince(siteDay(clock.now(), ctx.config.timeZone).start);
  const limits = () => {
    const s = settings();
    return { perSession: s.pagesPerSession, perPcPerDay: s.pagesPerPcPerDay, releaseOver: s.releaseOver };
  };
  const counts = () => ({ session: sessionPages, today: today() });
  const folder = (id: string) => shell.sessionFolder?.(id);

  function refuse(reason: PrintRefusal) {
    refused = { reason, seq: ++seq };
    ctx.emit();
    return { result: 'refused' as const, reason };
  }

  /** A plain name of a file in the session's folder, or undefined (paths are refused, not resolved). */
  function sessionFile(name: string): string | undefined {
    const id = sessionId();
    const dir = id ? folder(id) : undefined;
    if (!dir || name !== basename(name) || name.includes('\\') || name.startsWith('.')) return undefined;
    return join(dir, name);
  }

  async function listPdfs(): Promise<Array<{ name: string; bytes: number }>> {
    const id = sessionId();
    const dir = id ? folder(id) : undefined;
    if (!dir) return [];
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const out: Array<{ name: string; bytes: number }> = [];
    for (const e of entries) {
      if (!e.isFile() || !/\.pdf$/i.test(e.name)) continue;
      out.push({ name: e.name, bytes: (await stat(join(dir, e.name))).size });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }
  let files: Array<{ name: string; bytes: number }> = [];
  const refreshFiles = () =>
    void listPdfs().then((found) => {
      if (JSON.stringify(found) !== JSON.stringify(files)) {
        files = found;
        ctx.emit();
      }
    });

  // ---- the job -----------------------------------------------------------------

  /** Steps a job, even one of a session that has ended (its answer still counts its pages, once). */
  function feed(current: Job | undefined, input: JobInput): void {
    if (!current) return;
    const next = stepJob(current.state, input, current.sheets);
    current.state = next.state;
    if (next.state.state !== 'printing') current.waitingOn = undefined;
    for (const effect of next.effects) void run(current, effect);
    ctx.log.info('print job', { state: next.state.state, sheets: current.sheets, ...(next.state.state === 'failed' ? { failure: next.state.failure } : {}) });
    if (job === current) ctx.emit();
  }

  async function run(current: Job, effect: JobEffect): Promise<void> {
    const forThis = (input: JobInput) => feed(current, input);
    switch (effect.type) {
      case 'send':
        try {
          current.before ??= new Set((await current.printer.myJobs()).map((j) => j.id));
          const jobId = await current.printer.printPdf(current.bytes!);
          forThis({ type: 'accepted', jobId });
        } catch (error) {
          ctx.log.warn('print job not sent', { reason: describeError(error) });
          if (error instanceof PrinterError && error.kind === 'unreachable') heard('unreachable');
          if (error instanceof PrinterError && error.kind === 'uncertain') forThis({ type: 'send-uncertain' });
          else forThis({ type: 'send-failed', failure: failureOf(error) });
        }
        return;
      case 'ask-printer':
        try {
          const fresh = (await current.printer.myJobs()).filter((j) => !current.before!.has(j.id)).map((j) => j.id);
          forThis({ type: 'checked', jobId: fresh.length ? Math.max(...fresh) : undefined });
        } catch (error) {
          ctx.log.warn('could not ask the printer whether the job arrived', { reason: describeError(error) });
          forThis({ type: 'check-failed', failure: failureOf(error) });
        }
        return;
      case 'count':
        // The printer has it: nothing of it stays in Tupa.
        current.bytes = undefined;
        if (sessionId() === current.sessionId) sessionPages += effect.sheets;
        store.events.append(`${current.sessionId}:print:${++jobCount}`, clock.now(), ctx.config.pc.id, { type: 'pages-printed', pages: effect.sheets });
        poll(current, clock.now() + POLL_FOR_MS);
        return;
      case 'cancel-at-printer':
        await current.printer.cancel(effect.jobId).catch((error: unknown) => ctx.log.warn('cancel at the printer failed', { reason: describeError(error) }));
        return;
    }
  }

  function poll(current: Job, until: number): void {
    ctx.deps.scheduler.at(clock.now() + POLL_MS, () => {
      if (current.state.state !== 'printing') return;
      const jobId = current.state.jobId;
      void Promise.all([current.printer.job(jobId), current.printer.status().catch(() => undefined)]).then(
        ([status, printer]) => {
          heard(printer ?? 'unreachable');
          if (current.state.state !== 'printing') return;
          const problem = failureFromReasons([...status.reasons, ...(printer?.reasons ?? [])]);
          if (status.state === JOB_STATE.completed) return feed(current, { type: 'job-completed' });
          if (status.state === JOB_STATE.aborted || status.state === JOB_STATE.canceled) return feed(current, { type: 'job-aborted', failure: problem ?? 'cancelled' });
          if (problem !== current.waitingOn) {
            current.waitingOn = problem;
            ctx.emit();
          }
          if (clock.now() < until) poll(current, until);
        },
        () => (clock.now() < until ? poll(current, until) : undefined),
      );
    });
  }

  /** What "Print" would do now with this range and copies: the pages and sheets, or why not. */
  function evaluate(
    range: string | undefined,
    copies: number,
  ): { ok: true; pages: number[]; sheets: number; needsRelease: boolean } | { ok: false; reason: ConfirmRefusal; left: number } {
    const left = pagesLeft(counts(), limits());
    if (!offer || !sessionId()) return { ok: false, reason: 'no-offer', left };
    let pages = Array.from({ length: offer.pages }, (_, i) => i + 1);
    if (range !== undefined && range.trim() !== '') {
      const parsed = parsePageRange(range, offer.pages);
      if (!parsed.ok) return { ok: false, reason: parsed.problem, left };
      pages = parsed.pages;
    }
    const decision = decidePrint(pages.length, copies, counts(), limits());
    if (!decision.allowed) return { ok: false, reason: decision.reason, left: decision.left };
    if (decision.needsRelease && !ctx.deps.hub?.available) return { ok: false, reason: 'release-unavailable', left };
    return { ok: true, pages, sheets: decision.sheets, needsRelease: decision.needsRelease };
  }

  const printing: Printing = {
    async prepare(file) {
      const id = sessionId();
      if (!id || !settings().printer) return refuse('off');
      if (preparing || (job && ['sending', 'waiting-release'].includes(job.state.state))) return refuse('busy');
      preparing = true;
      refused = undefined;
      offer = undefined;
      ctx.emit();
      try {
        let bytes: Uint8Array | undefined;
        if (file === undefined) {
          bytes = await shell.renderPageToPdf?.();
          if (!bytes) return refuse('no-page');
        } else {
          const path = sessionFile(file);
          const size = path ? await stat(path).then((s) => (s.isFile() ? s.size : -1), () => -1) : -1;
          if (!path || size < 0) return refuse('no-file');
          if (size > MAX_PDF_BYTES) return refuse('too-large');
          bytes = await readFile(path);
        }
        const counted = await countPdf(bytes);
        if (!counted.ok) {
          ctx.log.info('print refused before counting', { problem: counted.problem, detail: counted.detail });
          return refuse(counted.problem);
        }
        if (sessionId() !== id) return refuse('off');
        offer = { source: file === undefined ? 'page' : 'file', pages: counted.pages, doc: counted.doc, seq: ++seq };
        ctx.dispatch({ type: 'activity' });
        return { result: 'ok', pages: counted.pages };
      } finally {
        preparing = false;
        ctx.emit();
      }
    },

    check(range, copies) {
      const e = evaluate(range, copies);
      return e.ok ? { result: 'ok', sheets: e.sheets, needsRelease: e.needsRelease } : { result: 'refused', reason: e.reason, left: e.left };
    },

    async confirm(range, copies) {
      const current = offer;
      const e = evaluate(range, copies);
      if (!e.ok || !current) return { result: 'refused', reason: e.ok ? 'no-offer' : e.reason, left: e.ok ? 0 : e.left };
      const { pages, sheets: total, needsRelease } = e;
      const s = settings();
      const printer = new IppPrinter({
        uri: s.printer!,
        pcId: ctx.config.pc.id,
        media: PAPER_SIZES[s.paper],
        colour: s.colour,
        sides: s.duplex ? 'two-sided-long-edge' : 'one-sided',
        timeoutMs: s.timeoutSeconds * 1_000,
      });
      // Taken at once: a second "Print" tap finds no offer.
      offer = undefined;
      const bytes = await selectPages(current.doc, pages, copies);
      const start = startJob(needsRelease);
      job = { state: start.state, sheets: total, bytes, printer, before: undefined, seq: ++seq, sessionId: sessionId()!, at: clock.now() };
      for (const effect of start.effects) void run(job, effect);
      ctx.dispatch({ type: 'activity' });
      ctx.emit();
      return { result: 'ok', sheets: total };
    },

    cancel() {
      if (offer) {
        offer = undefined;
      } else if (job) {
        feed(job, { type: 'cancel' });
      }
      ctx.emit();
    },

    dismiss() {
      if (job && (job.state.state === 'printed' || job.state.state === 'failed' || job.state.state === 'cancelled')) job = undefined;
      refused = undefined;
      ctx.emit();
    },

    async readFile(name) {
      const path = sessionFile(name);
      if (!path || !/\.pdf$/i.test(name)) return { result: 'refused', reason: 'no-file' };
      const size = await stat(path).then((s) => (s.isFile() ? s.size : -1), () => -1);
      if (size < 0) return { result: 'refused', reason: 'no-file' };
      if (size > MAX_PDF_BYTES) return { result: 'refused', reason: 'too-large' };
      ctx.dispatch({ type: 'activity' });
      return { result: 'ok', base64: (await readFile(path)).toString('base64') };
    },

    release() {
      if (job?.state.state === 'waiting-release') feed(job, { type: 'released' });
    },

    held: () => (job?.state.state === 'waiting-release' ? { sheets: job.sheets, since: job.at } : undefined),

    cancelHeld() {
      if (job?.state.state === 'waiting-release') feed(job, { type: 'cancel' });
    },

    snapshotPart() {
      if (!sessionId() || !settings().printer) return undefined;
      const c = counts();
      const l = limits();
      const jobState = job?.state.state;
      return {
        left: pagesLeft(c, l),
        leftToday: Math.max(0, l.perPcPerDay - c.today),
        files,
        ...(offer ? { offer: { source: offer.source, pages: offer.pages, seq: offer.seq } } : {}),
        preparing,
        ...(refused ? { refused } : {}),
        ...(job && jobState
          ? {
              job: {
                state: jobState === 'checking' ? 'sending' : jobState,
                sheets: job.sheets,
                ...(job.state.state === 'failed' ? { failure: job.state.failure } : job.waitingOn ? { failure: job.waitingOn } : {}),
                seq: job.seq,
              },
            }
          : {}),
      };
    },
  };

  ctx.register({
    start() {
      ctx.every(2_000, 'list session PDFs', () => {
        if (sessionId()) refreshFiles();
      });
    },
    sessionStarting() {
      sessionPages = 0;
      offer = undefined;
      refused = undefined;
      job = undefined;
      files = [];
      jobCount = 0;
    },
    effect(effect) {
      if (effect.type === 'record-end') {
        // A job waiting for release is cancelled; one being sent finishes (the printer's answer decides), and its bytes go with it.
        offer = undefined;
        if (job?.state.state === 'waiting-release') feed(job, { type: 'cancel' });
      }
    },
    shellEvent(event) {
      if (event.type === 'print' && inSession(ctx.state)) void printing.prepare(undefined);
      if (event.type === 'notice' && event.notice.kind === 'download-saved') refreshFiles();
    },
  });
  return printing;
}

function failureOf(error: unknown): PrintFailure {
  if (!(error instanceof PrinterError)) return 'refused';
  switch (error.kind) {
    case 'unreachable':
      return 'unreachable';
    case 'uncertain':
      return 'timeout';
    case 'format':
      return 'format';
    case 'stopped':
      return 'stopped';
    case 'refused':
      return 'refused';
  }
}
