import { useState } from 'react';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SelectField } from '../../ui/SelectField';
import { callHub } from '../api';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { formatDateTime } from '../time';
import { actorName } from './PolicyHistory';
import { usePages } from './usePages';

/**
 * "Audit log" for administrators: the hub's audit log, newest first, a page
 * at a time, of one action or all (policy changes and restores, resets,
 * maintenance, updates: whatever the hub recorded).
 */
export function AuditLog({ zone, onFailure }: { zone: string; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const [action, setAction] = useState('');
  const [asked, setAsked] = useState(0);
  const pages = usePages({
    load: (before) => callHub('auditLog', { body: { ...(before !== undefined ? { before } : {}), ...(action ? { action } : {}) } }),
    items: (answer) => answer.entries,
    below: (entry) => entry.seq,
    // The first page again when the filter changes or the administrator asks.
    reloadKey: `${action}|${asked}`,
    onFailure,
  });
  const entries = pages.list;
  const failure = pages.failure;

  return (
    <section id="audit" className="panel audit-log" aria-labelledby="audit-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="audit-heading">{tr('policyEditor.audit.heading')}</h2>
        <SelectField
          id="audit-action"
          inline
          label={tr('policyEditor.audit.filter')}
          value={action}
          options={[{ value: '', label: tr('policyEditor.audit.all') }, ...(pages.answer?.actions ?? []).map((a) => ({ value: a, label: a }))]}
          onChange={setAction}
        />
        <button type="button" className="button" onClick={() => setAsked((n) => n + 1)}>
          {tr('policyEditor.audit.refresh')}
        </button>
      </div>
      <ErrorMessage text={failure === undefined ? undefined : describeError(failure, tr)} />
      <ScrollRegion labelledBy="audit-heading" className="table-scroll">
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
      </ScrollRegion>
      {entries.length === 0 && failure === undefined ? <p>{tr('policyEditor.audit.empty')}</p> : null}
      {pages.more ? (
        <button type="button" className="button" onClick={pages.loadMore}>
          {tr('policyEditor.audit.more')}
        </button>
      ) : null}
    </section>
  );
}
