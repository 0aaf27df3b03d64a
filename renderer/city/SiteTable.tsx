import { useState } from 'react';
import { ChoiceGroup } from '../ui/ChoiceGroup';
import { figureOf, FIGURES, syncState, type Figure, type Figures, type MonthKey } from './figures';
import { useFormat } from './format';
import { ShownText } from '../ui/ShownText';
import { ScrollRegion } from '../ui/ScrollRegion';
import type { CityKey } from './i18n';

export const FIGURE_NAMES: Record<Figure, CityKey> = {
  sessions: 'figure.sessions',
  minutes: 'figure.minutes',
  helpCalls: 'figure.helpCalls',
  noShows: 'figure.noShows',
  pages: 'figure.pages',
  remoteCalls: 'figure.remoteCalls',
  satisfaction: 'figure.satisfaction',
};

/**
 * Sites × months for one figure at a time, with each site's total, the
 * month's total over all sites, and when each site last sent its figures
 * (a site more than three days behind says so in words, beside its name
 * too). The table scrolls sideways inside its own region on a narrow
 * screen, the sites' names staying in view.
 */
export function SiteTable({ figures, months, now }: { figures: Figures; months: MonthKey[]; now: number }) {
  const { tr, format } = useFormat();
  const [figure, setFigure] = useState<Figure>('sessions');
  const sites = figures.sites();
  const states = new Map(sites.map((s) => [s.id, syncState(s.lastSyncAt, now)]));
  const anyStale = [...states.values()].some((s) => s.kind === 'stale');
  const inRange = (site?: string) => months.flatMap((month) => figures.rows({ month, ...(site === undefined ? {} : { site }) }));

  return (
    <section id="table" className="panel" aria-labelledby="table-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="table-heading">{tr('nav.table')}</h2>
      </div>
      <ChoiceGroup label={tr('figure.label')}>
        {FIGURES.map((f) => (
          <button key={f} type="button" className="choice" aria-pressed={f === figure} onClick={() => setFigure(f)}>
            {tr(FIGURE_NAMES[f])}
          </button>
        ))}
      </ChoiceGroup>
      <ScrollRegion labelledBy="table-caption" className="table-scroll">
        <table className="figures">
          <caption id="table-caption">{tr('table.caption', { figure: tr(FIGURE_NAMES[figure]) })}</caption>
          <thead>
            <tr>
              <th scope="col" className="figures__name">
                {tr('table.site')}
              </th>
              {months.map((m) => (
                <th key={m} scope="col" className="figures__num">
                  <span className="figures__month">{format.month(m, 'name')}</span> <span className="figures__year">{m.slice(0, 4)}</span>
                </th>
              ))}
              <th scope="col" className="figures__num figures__total">
                {tr('table.total')}
              </th>
              <th scope="col" className="figures__sync">
                {tr('table.lastSync')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => {
              const state = states.get(site.id)!;
              const row = (month: MonthKey) => figures.row(site.id, month);
              return (
                <tr key={site.id}>
                  <th scope="row" className="figures__name">
                    {site.name}
                    {state.kind === 'stale' ? (
                      <span className="figures__behind">
                        <span aria-hidden="true">⚠ </span>
                        {tr('table.behind')}
                      </span>
                    ) : null}
                  </th>
                  {months.map((m) => {
                    const r = row(m);
                    return (
                      <td key={m} className="figures__num">
                        <ShownText shown={format.value(figureOf(figure, r ? [r] : []))} />
                      </td>
                    );
                  })}
                  <td className="figures__num figures__total">
                    <ShownText shown={format.value(figureOf(figure, inRange(site.id)))} />
                  </td>
                  <td className={`figures__sync${state.kind === 'stale' ? ' figures__sync--stale' : ''}`}>
                    {state.kind === 'never' ? (
                      tr('table.neverSynced')
                    ) : (
                      <>
                        <span className="figures__sync-time">{format.time(state.at)}</span>
                        {state.kind === 'stale' ? (
                          <span className="figures__stale">{tr('table.stale', { count: state.days })}</span>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="figures__name">
                {tr('table.allSites')}
              </th>
              {months.map((m) => (
                <td key={m} className="figures__num">
                  <ShownText shown={format.value(figureOf(figure, figures.rows({ month: m })))} />
                </td>
              ))}
              <td className="figures__num figures__total">
                <ShownText shown={format.value(figureOf(figure, inRange()))} />
              </td>
              <td className="figures__sync" />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <p className="hint table-note">{tr('table.legend')}</p>
      {anyStale ? <p className="hint table-note">{tr('table.staleNote')}</p> : null}
      <p className="hint table-note">{tr('table.scrollHint')}</p>
    </section>
  );
}
