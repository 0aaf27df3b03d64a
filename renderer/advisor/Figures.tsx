import { useEffect, useMemo, useState } from 'react';
import type { Figures as FiguresData } from '../../preload/hub-contract';
import { CsvDownload } from '../ui/CsvDownload';
import { ErrorMessage } from '../ui/ErrorMessage';
import { SelectField } from '../ui/SelectField';
import { useNow } from '../ui/useNow';
import { callHub, figuresCsvHref, HubRequestError } from './api';
import { DayChart } from './DayChart';
import { describeError } from './errors';
import { citySyncText, FiguresFormat, monthChoices } from './figures';
import { FiguresTable } from './FiguresTable';
import { useText } from './i18n';
import { dayKey, formatClock, formatDay } from './time';

interface Props {
  zone: string;
  offsetMs: number;
  /** Goes up each time the advisor opens the section from the navigation: the figures are fetched again. */
  opened: number;
  onSignedOut: () => void;
}

/**
 * The site's figures, exact (they stay at the site): today's and a month's
 * per PC with the site's total, the month day by day in a chart, the month
 * as a CSV file, and how the sync to the city stands. Fetched when the
 * console opens, when the advisor comes here from the navigation, with the
 * refresh button and when another month is chosen; no polling.
 */
export function Figures({ zone, offsetMs, opened, onSignedOut }: Props) {
  const { tr, locale } = useText();
  const format = useMemo(() => new FiguresFormat(locale, zone), [locale, zone]);
  const now = useNow(60_000) + offsetMs;
  const current = dayKey(now, zone).slice(0, 7);
  const [month, setMonth] = useState(current);
  const [asked, setAsked] = useState(0);
  // What is wanted now, and what the last answer was for: the figures are loading while the two differ.
  const wanted = `${month}|${asked}|${opened}`;
  const [answered, setAnswered] = useState<{ key: string; error?: unknown }>();
  const [shown, setShown] = useState<{ figures: FiguresData; at: number } | undefined>();
  const loading = answered?.key !== wanted;

  useEffect(() => {
    let live = true;
    callHub('figures', { id: month }).then(
      (figures) => {
        if (!live) return;
        setShown({ figures, at: Date.now() });
        setAnswered({ key: wanted });
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof HubRequestError && error.status === 401) onSignedOut();
        setAnswered({ key: wanted, error });
      },
    );
    return () => {
      live = false;
    };
  }, [month, wanted, onSignedOut]);

  // The state of the figures is announced once the advisor has asked for them (not when the console opens).
  const [touched, setTouched] = useState(false);
  const announce = touched || opened > 0;
  const refresh = () => {
    setTouched(true);
    if (!loading) setAsked((n) => n + 1);
  };
  const chooseMonth = (chosen: string) => {
    setTouched(true);
    setMonth(chosen);
  };
  const failure = answered && 'error' in answered ? answered.error : undefined;

  const status = loading ? tr('figures.loading') : shown ? tr('figures.updated', { time: formatClock(shown.at + offsetMs, locale, zone) }) : '';
  const figures = shown?.figures;
  const city = figures ? citySyncText(figures.city, figures.today, tr, format) : undefined;
  const shownMonth = figures ? format.month(figures.month) : '';

  return (
    <section id="figures" className="panel figures-view" aria-labelledby="figures-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="figures-heading">{tr('figures.heading')}</h2>
        <button type="button" className="button" onClick={refresh} aria-disabled={loading || undefined}>
          {tr('figures.refresh')}
        </button>
      </div>
      <p className="figures-view__status" role="status">
        {announce ? status : ''}
      </p>
      {announce ? null : <p className="figures-view__status">{status}</p>}
      {failure !== undefined && !loading ? (
        <div className="figures-view__failure">
          <ErrorMessage text={`${tr('figures.loadFailed')} ${describeError(failure, tr)}`} />
          <button type="button" className="button" onClick={refresh}>
            {tr('figures.retry')}
          </button>
        </div>
      ) : null}
      {figures ? (
        <>
          <div className="figures-view__part">
            <h3>{tr('figures.todayHeading', { day: formatDay(figures.today, locale, zone) })}</h3>
            <FiguresTable
              id="figures-today"
              caption={tr('figures.todayCaption', { day: formatDay(figures.today, locale, zone) })}
              pcs={figures.pcs.map((p) => ({ id: p.id, name: p.name, set: p.today }))}
              site={figures.site.today}
              format={format}
            />
          </div>
          <div className="figures-view__part">
            <h3>{tr('figures.monthHeading', { month: shownMonth })}</h3>
            <SelectField
              id="figures-month"
              label={tr('figures.month')}
              value={month}
              options={monthChoices(current).map((m) => ({ value: m, label: m === current ? tr('figures.thisMonth', { month: format.month(m) }) : format.month(m) }))}
              onChange={chooseMonth}
              className="figures-view__month"
            />
            <FiguresTable
              id="figures-month"
              caption={tr('figures.monthCaption', { month: shownMonth })}
              pcs={figures.pcs.map((p) => ({ id: p.id, name: p.name, set: p.month }))}
              site={figures.site.month}
              format={format}
            />
            <DayChart figures={figures} format={format} />
            <h4 className="figures-view__csv-heading">{tr('figures.csvHeading')}</h4>
            <p>{tr('figures.csvIntro', { month: shownMonth })}</p>
            <CsvDownload
              name="figures-decimal"
              texts={{ decimal: tr('figures.decimal'), comma: tr('figures.comma'), point: tr('figures.point'), download: tr('figures.download', { month: shownMonth }) }}
              href={(decimal) => figuresCsvHref(figures.month, decimal, locale)}
              fileName={`tupa-${figures.month}.csv`}
            />
          </div>
          <p className={city!.failing ? 'message message--warning figures-view__city' : 'hint figures-view__city'}>{city!.text}</p>
        </>
      ) : null}
    </section>
  );
}
