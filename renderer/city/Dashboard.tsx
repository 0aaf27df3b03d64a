import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dashboard as DashboardData } from '../../preload/city-contract';
import { ErrorMessage } from '../ui/ErrorMessage';
import { TopBar } from '../ui/TopBar';
import { useNow } from '../ui/useNow';
import { loadDashboard, RequestError } from './api';
import { Breakdown } from './Breakdown';
import { Charts } from './Charts';
import { describeError } from './errors';
import { Export } from './Export';
import { Figures, type MonthRange } from './figures';
import { useFormat } from './format';
import { LanguagePicker } from './LanguagePicker';
import { RangePicker } from './RangePicker';
import { SiteTable } from './SiteTable';

interface Props {
  /** The coordinator's name when this page signed them in (a reload knows only that the session is good). */
  name: string | undefined;
  initialRange: MonthRange;
  initial: DashboardData;
  onSignedOut: () => void;
  onSignOut: () => void;
}

/**
 * The coordinator's dashboard: a range of months, the sites × months table,
 * charts per month, one site's month in detail and the CSV download.
 */
export function Dashboard({ name, initialRange, initial, onSignedOut, onSignOut }: Props) {
  const { tr, format } = useFormat();
  const [shown, setShown] = useState<{ range: MonthRange; data: DashboardData }>({ range: initialRange, data: initial });
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; range: MonthRange } | undefined>();
  const now = useNow(60_000);
  const figures = useMemo(() => new Figures(shown.data), [shown.data]);
  const months = figures.months(shown.range);
  const hasRows = shown.data.rows.length > 0;
  const anySynced = figures.sites().some((s) => s.lastSyncAt);

  useEffect(() => {
    document.title = tr('app.title');
  }, [tr]);

  const show = useCallback(
    async (range: MonthRange) => {
      setLoading(true);
      try {
        const data = await loadDashboard(range);
        setShown({ range, data });
        setFailure(undefined);
      } catch (error) {
        if (error instanceof RequestError && error.status === 401) onSignedOut();
        else setFailure({ error, range });
      } finally {
        setLoading(false);
      }
    },
    [onSignedOut],
  );

  const sections = [
    { id: 'table', label: tr('nav.table'), shown: figures.sites().length > 0 },
    { id: 'charts', label: tr('nav.charts'), shown: hasRows },
    { id: 'breakdown', label: tr('nav.breakdown'), shown: hasRows },
    { id: 'export', label: tr('nav.export'), shown: hasRows },
  ].filter((s) => s.shown);

  return (
    <div className="screen screen--dashboard">
      <TopBar where={tr('app.name')} who={name ? tr('app.signedInAs', { name }) : undefined} skipLabel={tr('common.skipToContent')}>
        <button type="button" className="button" onClick={onSignOut}>
          {tr('app.signOut')}
        </button>
      </TopBar>
      {sections.length > 1 ? (
        <nav className="section-nav" aria-label={tr('nav.label')}>
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" className="screen__main console dashboard" tabIndex={-1}>
        <div className="dashboard__intro">
          <h1>{tr('dashboard.heading')}</h1>
          <p className="hint">{tr('dashboard.intro')}</p>
        </div>
        <RangePicker range={shown.range} now={now} busy={loading} onShow={(range) => void show(range)} />
        <p className="dashboard__showing" role="status">
          {loading ? tr('dashboard.loading') : tr('range.showing', { from: format.month(shown.range.from), to: format.month(shown.range.to) })}
        </p>
        {failure ? (
          <div className="dashboard__failure">
            <ErrorMessage text={`${tr('dashboard.loadFailed')} ${describeError(failure.error, tr)}`} />
            <button type="button" className="button" onClick={() => void show(failure.range)}>
              {tr('dashboard.retry')}
            </button>
          </div>
        ) : null}
        {hasRows ? null : <p className="message message--info dashboard__empty">{anySynced ? tr('dashboard.emptyRange') : tr('dashboard.empty')}</p>}
        {figures.sites().length > 0 ? <SiteTable figures={figures} months={months} now={now} /> : null}
        {hasRows ? (
          <>
            <Charts figures={figures} months={months} />
            <Breakdown figures={figures} months={months} />
            <Export range={shown.range} />
          </>
        ) : null}
      </main>
      <footer className="footer">
        <LanguagePicker />
      </footer>
    </div>
  );
}
