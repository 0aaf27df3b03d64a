import { useEffect, useRef, useState } from 'react';
import type { AuditEntryView } from '../../../preload/policy-editor-contract';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/SelectField';
import { callHub } from '../api';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { formatDateTime } from '../time';
import { actorName } from './PolicyHistory';

/**
 * "Audit log" for administrators: the hub's audit log, newest first, a page
 * at a time, of one action or all (policy changes and restores, resets,
 * maintenance, updates: whatever the hub recorded).
 */
export function AuditLog({ zone, onFailure }: { zone: string; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [action, setAction] = useState('');
  const [more, setMore] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [loadedKey, setLoadedKey] = useState(0);
  const failed = useRef(onFailure);
  useEffect(() => {
    failed.current = onFailure;
  });

  const page = (before: number | undefined, filter: string) =>
    callHub('auditLog', { body: { ...(before !== undefined ? { before } : {}), ...(filter ? { action: filter } : {}) } }).then(
      (answer) => {
        setEntries((list) => (before === undefined ? answer.entries : [...list, ...answer.entries]));
        setActions(answer.actions);
        setMore(answer.more);
        setFailure(undefined);
      },
      (error: unknown) => {
        setFailure(error);
        failed.current(error);
      },
    );
  // The first page again when the filter changes or the administrator asks.
  useEffect(() => {
    void page(undefined, action);
  }, [action, loadedKey]);

  return (
    <section id="audit" className="panel audit-log" aria-labelledby="audit-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="audit-heading">{tr('policyEditor.audit.heading')}</h2>
        <SelectField
          id="audit-action"
          inline
          label={tr('policyEditor.audit.filter')}
          value={action}
          options={[{ value: '', label: tr('policyEditor.audit.all') }, ...actions.map((a) => ({ value: a, label: a }))]}
          onChange={setAction}
        />
        <button type="button" className="button" onClick={() => setLoadedKey((n) => n + 1)}>
          {tr('policyEditor.audit.refresh')}
        </button>
      </div>
      <ErrorMessage text={failure === undefined ? undefined : describeError(failure, tr)} />
      <div className="table-scroll" role="region" aria-labelledby="audit-heading" tabIndex={0}>
        <table className="figures audit-log__table">
          <caption className="sr-only">{tr('policyEditor.audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('policyEditor.audit.when')}</th>
              <th scope="col">{tr('policyEditor.audit.who')}</th>
              <th scope="col">{tr('policyEditor.audit.action')}</th>
              <th scope="col">{tr('policyEditor.audit.subject')}</th>
              <th scope="col">{tr('policyEditor.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{formatDateTime(e.at, locale, zone)}</td>
                <td>{actorName(e.actor)}</td>
                <td>{e.action}</td>
                <td>{e.subject ?? ''}</td>
                <td className="audit-log__details">{e.details ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 && failure === undefined ? <p>{tr('policyEditor.audit.empty')}</p> : null}
      {more ? (
        <button type="button" className="button" onClick={() => void page(entries.at(-1)?.seq, action)}>
          {tr('policyEditor.audit.more')}
        </button>
      ) : null}
    </section>
  );
}
