import type { Board } from '../../preload/hub-contract';
import { useNow } from '../ui/useNow';
import { useText, type AdvisorKey } from './i18n';
import { dayBounds, dayKey } from './time';

/**
 * Today's figures. Sessions come from the hub's board (refreshed as the
 * board is); help calls are counted from the live queue so they are never
 * behind it.
 */
export function Counts({ board, offsetMs }: { board: Board; offsetMs: number }) {
  const { tr, locale } = useText();
  const zone = board.site.timeZone;
  const now = useNow(30_000) + offsetMs;
  const today = dayBounds(dayKey(now, zone), zone);
  // A call cancelled unanswered within seconds was no help call (as the hub counts it).
  const helpToday = board.help.filter((c) => c.requestedAt >= today.start && c.requestedAt < today.end && !c.cancelledQuickly).length;
  const number = new Intl.NumberFormat(locale === 'se' ? 'fi' : locale);
  const items: Array<[AdvisorKey, number]> = [
    ['today.sessions', board.counts.sessions],
    ['today.walkIns', board.counts.walkIns],
    ['today.booked', board.counts.booked],
    ['today.helpCalls', Math.max(helpToday, board.counts.helpCalls)],
  ];
  return (
    <section id="today" className="panel" aria-labelledby="today-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="today-heading">{tr('today.heading')}</h2>
      </div>
      <dl className="counts">
        {items.map(([key, value]) => (
          <div key={key} className="counts__item">
            <dt className="counts__label">{tr(key)}</dt>
            <dd className="counts__value">{number.format(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{tr('today.note')}</p>
    </section>
  );
}
