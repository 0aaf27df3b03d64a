import type { Board } from '../../../preload/hub-contract';
import type { PrinterStatusReport } from '../../../preload/print-contract';
import { useText, type AdvisorKey } from '../i18n';
import { formatClock } from '../time';

const STATE_TEXT: Record<PrinterStatusReport['state'], AdvisorKey> = {
  idle: 'printing.state.idle',
  processing: 'printing.state.processing',
  stopped: 'printing.state.stopped',
  unreachable: 'printing.state.unreachable',
};
const REASON_TEXT: Record<PrinterStatusReport['reasons'][number], AdvisorKey> = {
  'media-empty': 'printing.reason.mediaEmpty',
  'media-jam': 'printing.reason.mediaJam',
  'media-low': 'printing.reason.mediaLow',
  'toner-empty': 'printing.reason.tonerEmpty',
  'toner-low': 'printing.reason.tonerLow',
  'door-open': 'printing.reason.doorOpen',
  offline: 'printing.reason.offline',
  other: 'printing.reason.other',
};

/** Reasons that stop printing (the hub raises an alert for them: main/core/printer-state.ts); low toner or paper only warn. */
const NEEDS_SOMEONE = new Set<string>(['media-empty', 'media-jam', 'toner-empty', 'door-open', 'offline']);

/** Each printer the PCs print to, as the PC that heard from it last tells (the newest report wins). */
export function printersOf(board: Board): Array<{ report: PrinterStatusReport; pcName: string }> {
  const newest = new Map<string, { report: PrinterStatusReport; pcName: string }>();
  for (const pc of board.pcs) {
    const report = pc.status?.print?.printer;
    if (!report || pc.revoked) continue;
    const seen = newest.get(report.printer);
    if (!seen || report.since > seen.report.since) newest.set(report.printer, { report, pcName: pc.name });
  }
  return [...newest.values()].sort((a, b) => a.report.printer.localeCompare(b.report.printer));
}

/**
 * The site's printers at the top of the computers (issue 14): ready,
 * printing, stopped or not answering, with the reasons in words (out of
 * paper, toner low) and since when. A problem also raises an alert in the
 * help queue; this line says how each printer is now. Words and marks,
 * never colour alone.
 */
export function Printers({ board }: { board: Board }) {
  const { tr, locale } = useText();
  const printers = printersOf(board);
  if (printers.length === 0) return null;
  return (
    <div className="printers" role="group" aria-label={tr('printing.heading')}>
      <h3 className="printers__heading">{tr('printing.heading')}</h3>
      <ul className="printers__list">
        {printers.map(({ report, pcName }) => {
          const bad = report.state === 'stopped' || report.state === 'unreachable' || report.reasons.some((r) => NEEDS_SOMEONE.has(r));
          return (
            <li key={report.printer} className={`printers__item${bad ? ' printers__item--bad' : ''}`}>
              <span className="printers__mark" aria-hidden="true">
                {bad ? '⚠' : '✓'}
              </span>
              <span className="printers__name">{report.printer}</span>{' '}
              <strong>{tr(STATE_TEXT[report.state])}</strong>
              {report.reasons.length ? <> — {report.reasons.map((r) => tr(REASON_TEXT[r])).join(', ')}</> : null}{' '}
              <span className="printers__since">{tr('printing.since', { time: formatClock(report.since, locale, board.site.timeZone), pc: pcName })}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

