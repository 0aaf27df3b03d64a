import { useText } from '../../i18n';
import { formatNumbers, parseNumber, parseNumbers } from '../draft';
import { CheckField, PolicySectionFrame, TextField } from '../fields';
import type { Path } from '../problems';

function NumberField({ path, label }: { path: Path; label: string }) {
  return <TextField path={path} label={label} parse={parseNumber} inputMode="numeric" width="short" />;
}

/** When residents are warned before the end, and how long a PC waits without input. */
export function WarningsIdleSection() {
  const { tr } = useText();
  return (
    <PolicySectionFrame id="policy-session" heading={tr('policyEditor.session.heading')} path={['idle']}>
      <div className="policy-grid">
        <TextField path={['warnings', 'minutes']} label={tr('policyEditor.session.warnings')} hint={tr('policyEditor.session.warningsHint')} format={formatNumbers} parse={parseNumbers} />
        <NumberField path={['idle', 'timeoutMinutes']} label={tr('policyEditor.session.idleMinutes')} />
        <NumberField path={['idle', 'promptSeconds']} label={tr('policyEditor.session.promptSeconds')} />
      </div>
    </PolicySectionFrame>
  );
}

/** Sessions without a booking. */
export function WalkInSection() {
  const { tr } = useText();
  return (
    <PolicySectionFrame id="policy-walk-in" heading={tr('policyEditor.walkIn.heading')} path={['walkIn']}>
      <CheckField path={['walkIn', 'enabled']} label={tr('policyEditor.walkIn.enabled')} />
      <div className="policy-grid">
        <NumberField path={['walkIn', 'minFreeMinutes']} label={tr('policyEditor.walkIn.minFree')} />
        <NumberField path={['walkIn', 'gapMinutes']} label={tr('policyEditor.walkIn.gap')} />
        <NumberField path={['walkIn', 'maxMinutes']} label={tr('policyEditor.walkIn.max')} />
      </div>
    </PolicySectionFrame>
  );
}

/** Residents booking a time for themselves at a kiosk. */
export function SelfBookingSection() {
  const { tr } = useText();
  return (
    <PolicySectionFrame id="policy-self-booking" heading={tr('policyEditor.selfBooking.heading')} path={['selfBooking']}>
      <CheckField path={['selfBooking', 'enabled']} label={tr('policyEditor.selfBooking.enabled')} />
      <div className="policy-grid">
        <TextField path={['selfBooking', 'lengths']} label={tr('policyEditor.selfBooking.lengths')} hint={tr('policyEditor.selfBooking.lengthsHint')} format={formatNumbers} parse={parseNumbers} />
        <NumberField path={['selfBooking', 'daysAhead']} label={tr('policyEditor.selfBooking.daysAhead')} />
        <NumberField path={['selfBooking', 'stepMinutes']} label={tr('policyEditor.selfBooking.step')} />
        <NumberField path={['selfBooking', 'gapMinutes']} label={tr('policyEditor.selfBooking.gap')} />
        <NumberField path={['selfBooking', 'maxPerKioskPerHour']} label={tr('policyEditor.selfBooking.perKiosk')} />
        <NumberField path={['selfBooking', 'maxOpenPerPcPerDay']} label={tr('policyEditor.selfBooking.perPc')} />
      </div>
    </PolicySectionFrame>
  );
}
