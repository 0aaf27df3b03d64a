import { useText } from '../../i18n';
import { formatLines, parseLines } from '../draft';
import { PolicySectionFrame, TextField } from '../fields';

/** The sites residents may and may not open, and the origins that may use the camera and microphone. */
export function WebSection() {
  const { tr } = useText();
  const list = { multiline: true, format: formatLines, parse: parseLines } as const;
  return (
    <PolicySectionFrame id="policy-web" heading={tr('policyEditor.web.heading')} path={['web']}>
      <div className="policy-grid">
        <TextField path={['web', 'allow']} label={tr('policyEditor.web.allow')} hint={tr('policyEditor.web.allowHint')} {...list} />
        <TextField path={['web', 'deny']} label={tr('policyEditor.web.deny')} hint={tr('policyEditor.web.denyHint')} {...list} />
        <TextField path={['web', 'mediaOrigins']} label={tr('policyEditor.web.media')} hint={tr('policyEditor.web.mediaHint')} {...list} />
      </div>
    </PolicySectionFrame>
  );
}
