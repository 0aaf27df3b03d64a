import type { FigureSet } from '../../preload/hub-contract';
import { ScrollRegion } from '../ui/ScrollRegion';
import { columnHeads, columnValue, COLUMN_GROUPS, COLUMNS, type FiguresFormat } from './figures';
import { useText } from './i18n';

const HEADS = columnHeads();

/**
 * One period's figures (today, a month) per PC, with the site's total as
 * the last row: sessions (all, booked, without a booking), minutes, help
 * calls, bookings nobody came to and the three feedback faces. The two
 * groups have a heading over their columns; on a narrow screen the table
 * scrolls sideways in its own region, the PCs' names staying in view.
 */
export function FiguresTable({ id, caption, pcs, site, format }: { id: string; caption: string; pcs: Array<{ id: string; name: string; set: FigureSet }>; site: FigureSet; format: FiguresFormat }) {
  const { tr } = useText();
  const cells = (set: FigureSet) =>
    COLUMNS.map((c) => (
      <td key={c.key} className="figures__num">
        {format.number(columnValue(set, c.key))}
      </td>
    ));
  return (
    <ScrollRegion labelledBy={`${id}-caption`} className="table-scroll">
      <table className="figures figures--pcs" id={id}>
        {/* Named for screen readers and the scrolling region; the heading above says it on screen (a visible caption would scroll away with the table). */}
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <colgroup>
          <col />
        </colgroup>
        {HEADS.map((h) => (h.kind === 'group' ? <colgroup key={h.group} span={h.span} /> : <col key={h.column.key} />))}
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="figures__name">
              {tr('figures.pc')}
            </th>
            {HEADS.map((h) =>
              h.kind === 'group' ? (
                <th key={h.group} scope="colgroup" colSpan={h.span} className="figures__group">
                  {tr(COLUMN_GROUPS[h.group])}
                </th>
              ) : (
                <th key={h.column.key} scope="col" rowSpan={2} className="figures__num figures__single">
                  {tr(h.column.label)}
                </th>
              ),
            )}
          </tr>
          <tr>
            {COLUMNS.filter((c) => 'group' in c).map((c) => (
              <th key={c.key} scope="col" className="figures__num">
                {tr(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pcs.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1}>{tr('figures.noPcs')}</td>
            </tr>
          ) : (
            pcs.map((pc) => (
              <tr key={pc.id}>
                <th scope="row" className="figures__name">
                  {pc.name}
                </th>
                {cells(pc.set)}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="figures__name">
              {tr('figures.site')}
            </th>
            {cells(site)}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
