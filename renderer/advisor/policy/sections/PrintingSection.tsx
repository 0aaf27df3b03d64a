import { useText } from '../../i18n';
import { parseNumber, type Json } from '../draft';
import { CheckField, PolicySectionFrame, TextField } from '../fields';

/** An optional field: an empty box removes it from the policy (no printer, no job waiting for release). */
const orNothing =
  (parse: (text: string) => Json) =>
  (text: string): Json =>
    text.trim() === '' ? undefined : parse(text);

/** The site printer and the page limits (main/config/policy-printing.ts; per-PC printers stay in the policy file). */
export function PrintingSection() {
  const { tr } = useText();
  return (
    <PolicySectionFrame id="policy-printing" heading={tr('policyEditor.printing.heading')} path={['printing']}>
      <TextField
        path={['printing', 'printer']}
        label={tr('policyEditor.printing.printer')}
        hint={tr('policyEditor.printing.printerHint')}
        parse={orNothing((text) => text.trim())}
        type="url"
        inputMode="url"
        width="long"
      />
      <CheckField path={['printing', 'duplex']} label={tr('policyEditor.printing.duplex')} />
      <div className="policy-grid">
        <TextField path={['printing', 'pagesPerSession']} label={tr('policyEditor.printing.perSession')} parse={parseNumber} inputMode="numeric" width="short" />
        <TextField path={['printing', 'pagesPerPcPerDay']} label={tr('policyEditor.printing.perPcPerDay')} parse={parseNumber} inputMode="numeric" width="short" />
        <TextField
          path={['printing', 'releaseOver']}
          label={tr('policyEditor.printing.releaseOver')}
          hint={tr('policyEditor.printing.releaseOverHint')}
          parse={orNothing(parseNumber)}
          inputMode="numeric"
          width="short"
        />
      </div>
    </PolicySectionFrame>
  );
}
