import type { PolicyChangeView } from '../../../preload/policy-editor-contract';
import { useText } from '../i18n';
import { pathText } from './problems';

const SHOWN = 160;

/** A value as the summary shows it: text in quotes, lists and objects as compact JSON, cut short. */
export function valueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

/** What changes, field by field: old → new. */
export function ChangeList({ changes, label }: { changes: readonly PolicyChangeView[]; label: string }) {
  const { tr } = useText();
  if (changes.length === 0) return <p>{tr('policyEditor.noChanges')}</p>;
  return (
    <ul className="policy-changes" aria-label={label}>
      {changes.map((change, i) => (
        <li key={i}>
          <code className="policy-changes__field">{pathText(change.path)}</code>{' '}
          <span className="policy-changes__values">
            <span className="policy-changes__before">{valueText(change.before) ?? tr('policyEditor.absent')}</span>
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> {tr('policyEditor.becomes')} </span>
            <span className="policy-changes__after">{valueText(change.after) ?? tr('policyEditor.absent')}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
