import { useState } from 'react';
import type { Cell } from '../../preload/city-contract';
import { breakdownCells, BREAKDOWN_GROUPS, cellAmount, COUNT_FIGURES, DELAY_BUCKETS, END_REASONS, remoteMinutes, REMOTE_OUTCOMES, type BreakdownGroup, type Figures, type MonthKey } from './figures';
import { FACE_NAMES } from './Charts';
import { useFormat, type Format } from './format';
import { ShownText } from '../ui/ShownText';
import type { CityKey, Tr } from './i18n';
import { SelectField } from '../ui/SelectField';
import { FIGURE_NAMES } from './SiteTable';

/** Each group's title, and the heading of its first column. */
const GROUP_TITLES: Record<BreakdownGroup, CityKey> = {
  language: 'breakdown.language',
  hour: 'breakdown.hour',
  end: 'breakdown.end',
  'help-acknowledged': 'breakdown.helpAcknowledged',
  'help-resolved': 'breakdown.helpResolved',
  'remote-wait': 'breakdown.remoteWait',
  'remote-length': 'breakdown.remoteLength',
  'remote-outcome': 'breakdown.remoteOutcome',
  feedback: 'breakdown.feedback',
};

const GROUP_COLUMNS: Record<BreakdownGroup, CityKey> = {
  language: 'breakdown.columns.language',
  hour: 'breakdown.columns.hour',
  end: 'breakdown.columns.end',
  'help-acknowledged': 'breakdown.columns.delay',
  'help-resolved': 'breakdown.columns.delay',
  'remote-wait': 'breakdown.columns.delay',
  'remote-length': 'breakdown.columns.length',
  'remote-outcome': 'breakdown.columns.end',
  feedback: 'breakdown.columns.feedback',
};

const REMOTE_OUTCOME_NAMES: Record<(typeof REMOTE_OUTCOMES)[number], CityKey> = {
  'resident-stopped': 'breakdown.remoteOutcomes.residentStopped',
  declined: 'breakdown.remoteOutcomes.declined',
  'advisor-ended': 'breakdown.remoteOutcomes.advisorEnded',
  'session-ended': 'breakdown.remoteOutcomes.sessionEnded',
  'connection-lost': 'breakdown.remoteOutcomes.connectionLost',
  cancelled: 'breakdown.remoteOutcomes.cancelled',
};

const END_NAMES: Record<(typeof END_REASONS)[number], CityKey> = {
  'time-up': 'breakdown.endReasons.timeUp',
  resident: 'breakdown.endReasons.resident',
  idle: 'breakdown.endReasons.idle',
  advisor: 'breakdown.endReasons.advisor',
  interrupted: 'breakdown.endReasons.interrupted',
};

/** Each delay bucket, named by its lower bound in seconds. */
const DELAY_NAMES: Record<`${(typeof DELAY_BUCKETS)[number]}`, CityKey> = {
  '0': 'breakdown.delays.under30s',
  '30': 'breakdown.delays.from30sTo1min',
  '60': 'breakdown.delays.from1To2min',
  '120': 'breakdown.delays.from2To5min',
  '300': 'breakdown.delays.from5To10min',
  '600': 'breakdown.delays.from10To30min',
  '1800': 'breakdown.delays.over30min',
};

/** The kiosk's languages, named in the city's catalogues (Intl has no name for plain-language Finnish, fi-x-selko). */
const LANGUAGE_NAMES: Readonly<Record<string, CityKey>> = {
  fi: 'languageNames.fi',
  'fi-x-selko': 'languageNames.fi-x-selko',
  sv: 'languageNames.sv',
  en: 'languageNames.en',
  se: 'languageNames.se',
  uk: 'languageNames.uk',
  ru: 'languageNames.ru',
  ar: 'languageNames.ar',
  so: 'languageNames.so',
};

function languageNamer(format: Format, tr: Tr): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([format.locale], { type: 'language' });
  } catch {
    names = undefined;
  }
  return (code) => {
    const known = Object.hasOwn(LANGUAGE_NAMES, code) ? LANGUAGE_NAMES[code] : undefined;
    if (known) return tr(known);
    let name: string | undefined;
    try {
      name = names?.of(code);
    } catch {
      name = undefined;
    }
    return name && name !== code ? name.charAt(0).toLocaleUpperCase(format.locale) + name.slice(1) : code;
  };
}

/** What one breakdown item is called: a language in the dashboard's language, an hour as a span, a reason or delay in words. */
function itemName(group: BreakdownGroup, item: string, tr: Tr, language: (code: string) => string): string {
  const known = (names: Record<string, CityKey>) => (Object.hasOwn(names, item) ? tr(names[item]!) : item);
  switch (group) {
    case 'language':
      return language(item);
    case 'hour': {
      const hour = Number(item);
      return Number.isInteger(hour) ? tr('breakdown.hourRange', { from: String(hour).padStart(2, '0'), to: String((hour + 1) % 24).padStart(2, '0') }) : item;
    }
    case 'end':
      return known(END_NAMES);
    case 'help-acknowledged':
    case 'help-resolved':
    case 'remote-wait':
    case 'remote-length':
      return known(DELAY_NAMES);
    case 'remote-outcome':
      return known(REMOTE_OUTCOME_NAMES);
    case 'feedback':
      return known(FACE_NAMES);
  }
}

/** The latest month of the range in which the site has figures, or the latest month. */
function latestWithRows(figures: Figures, site: string, months: MonthKey[]): MonthKey {
  return [...months].reverse().find((m) => figures.row(site, m)) ?? months[months.length - 1] ?? '';
}

/**
 * One site's month in detail: its totals and its breakdowns (languages,
 * hours, how sessions ended, help delays, help on the screen, feedback), each a small table in
 * which a count under 5 reads "<5" on screen and "fewer than 5" aloud.
 */
export function Breakdown({ figures, months }: { figures: Figures; months: MonthKey[] }) {
  const { tr, format } = useFormat();
  const sites = figures.sites();
  const firstWithRows = sites.find((s) => figures.rows({ site: s.id }).length > 0)?.id ?? sites[0]?.id ?? '';
  const [chosen, setChosen] = useState<{ site: string; month: MonthKey | undefined }>({ site: firstWithRows, month: undefined });
  const site = sites.some((s) => s.id === chosen.site) ? chosen.site : firstWithRows;
  const month = chosen.month && months.includes(chosen.month) ? chosen.month : latestWithRows(figures, site, months);
  const siteName = sites.find((s) => s.id === site)?.name ?? site;
  const row = figures.row(site, month);
  const language = languageNamer(format, tr);
  const remote = remoteMinutes(row?.breakdown);

  return (
    <section id="breakdown" className="panel" aria-labelledby="breakdown-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="breakdown-heading">{tr('breakdown.heading')}</h2>
      </div>
      <p className="hint">{tr('breakdown.intro')}</p>
      <div className="breakdown__pickers">
        <SelectField
          id="breakdown-site"
          label={tr('breakdown.site')}
          value={site}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(id) => setChosen({ site: id, month: latestWithRows(figures, id, months) })}
        />
        <SelectField
          id="breakdown-month"
          label={tr('breakdown.month')}
          value={month}
          options={[...months].reverse().map((m) => ({ value: m, label: format.month(m) }))}
          onChange={(m) => setChosen({ site, month: m })}
        />
      </div>
      <div className="breakdown__result">
        <h3 className="breakdown__title">{tr('breakdown.totals', { site: siteName, month: format.month(month) })}</h3>
        {row ? (
          <>
            <dl className="counts">
              {COUNT_FIGURES.map((figure) => (
                <div key={figure} className="counts__item">
                  <dt className="counts__label">{tr(FIGURE_NAMES[figure])}</dt>
                  <dd className="counts__value">{format.number(Number.isFinite(row[figure]) ? row[figure] : 0)}</dd>
                </div>
              ))}
              {row.remoteCalls > 0 || remote.wait.kind !== 'none'
                ? ([['breakdown.remoteWaitAverage', remote.wait], ['breakdown.remoteShown', remote.shown]] as const).map(([label, minutes]) => (
                    <div key={label} className="counts__item">
                      <dt className="counts__label">{tr(label)}</dt>
                      <dd className="counts__value">
                        <ShownText shown={format.remoteMinutes(minutes)} />
                      </dd>
                    </div>
                  ))
                : null}
            </dl>
            <div className="breakdown__groups">
              {BREAKDOWN_GROUPS.map((group) => (
                <GroupTable
                  key={group}
                  id={`breakdown-${group}`}
                  title={tr(GROUP_TITLES[group])}
                  column={tr(GROUP_COLUMNS[group])}
                  cells={breakdownCells(row.breakdown, group).map(({ item, cell }) => ({ item, name: itemName(group, item, tr, language), cell }))}
                />
              ))}
            </div>
          </>
        ) : (
          <p className="message message--info">{tr('breakdown.none', { site: siteName, month: format.month(month) })}</p>
        )}
      </div>
    </section>
  );
}

function GroupTable({ id, title, column, cells }: { id: string; title: string; column: string; cells: Array<{ item: string; name: string; cell: Cell }> }) {
  const { tr, format } = useFormat();
  return (
    <div className="breakdown__group">
      <h4 id={id}>{title}</h4>
      {cells.length === 0 ? (
        <p className="hint">{tr('breakdown.nothing')}</p>
      ) : (
        <table className="data-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" className="data-table__num">
                {tr('breakdown.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {cells.map(({ item, name, cell }) => (
              <tr key={item}>
                <th scope="row">{name}</th>
                <td className="data-table__num">
                  <ShownText shown={format.amount(cellAmount(cell))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
