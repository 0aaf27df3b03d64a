import type { AdvisorKey } from '../../i18n';
import { useText } from '../../i18n';
import { formatRanges, getAt, parseRanges, type Json } from '../draft';
import { PolicySectionFrame, TextField, usePolicyForm } from '../fields';
import type { Path } from '../problems';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_KEYS: Record<(typeof DAYS)[number], AdvisorKey> = {
  mon: 'policyEditor.hours.mon',
  tue: 'policyEditor.hours.tue',
  wed: 'policyEditor.hours.wed',
  thu: 'policyEditor.hours.thu',
  fri: 'policyEditor.hours.fri',
  sat: 'policyEditor.hours.sat',
  sun: 'policyEditor.hours.sun',
};

/** A weekly schedule (one box a weekday: "09:00–15:00, 16:00–18:00") and its dated exceptions. */
function WeekWithExceptions({ base, heading }: { base: Path; heading: string }) {
  const { tr } = useText();
  const { draft, edit } = usePolicyForm();
  const exceptionsPath = [...base, 'exceptions'];
  const exceptions = (getAt(draft, exceptionsPath) as Json[] | undefined) ?? [];
  return (
    <>
      <p className="field__hint">{tr('policyEditor.hours.hint')}</p>
      <div className="policy-grid policy-grid--days">
        {DAYS.map((day) => (
          <TextField key={day} path={[...base, 'hours', day]} label={tr(DAY_KEYS[day])} format={formatRanges} parse={parseRanges} />
        ))}
      </div>
      <h4>{tr('policyEditor.hours.exceptions', { what: heading })}</h4>
      {exceptions.length === 0 ? <p>{tr('policyEditor.hours.noExceptions')}</p> : null}
      <ul className="policy-exceptions">
        {exceptions.map((_, i) => (
          <li key={i} className="policy-grid">
            <TextField path={[...exceptionsPath, i, 'date']} label={tr('policyEditor.hours.date')} type="date" />
            <TextField path={[...exceptionsPath, i, 'hours']} label={tr('policyEditor.hours.dayHours')} format={formatRanges} parse={parseRanges} />
            <button type="button" className="button button--danger" onClick={() => edit(exceptionsPath, exceptions.filter((__, j) => j !== i))}>
              {tr('policyEditor.hours.removeException')}
              <span className="sr-only"> {i + 1}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => edit(exceptionsPath, [...exceptions, { date: '', hours: [] }])}>
        {tr('policyEditor.hours.addException')}
      </button>
    </>
  );
}

/** The centre's opening hours. */
export function OpeningHoursSection() {
  const { tr } = useText();
  return (
    <PolicySectionFrame id="policy-opening" heading={tr('policyEditor.opening.heading')} path={['openingHours']}>
      <WeekWithExceptions base={['openingHours']} heading={tr('policyEditor.opening.heading')} />
    </PolicySectionFrame>
  );
}

/** The advisor's hours on duty, and the phone number residents see when no advisor is. */
export function AdvisorHoursSection() {
  const { tr } = useText();
  return (
    <PolicySectionFrame id="policy-help" heading={tr('policyEditor.help.heading')} path={['help']}>
      <TextField path={['help', 'phone']} label={tr('policyEditor.help.phone')} />
      <WeekWithExceptions base={['help']} heading={tr('policyEditor.help.heading')} />
    </PolicySectionFrame>
  );
}
