import { useState } from 'react';
import type { PolicySaved, PolicyVersionDetail, PolicyVersionView } from '../../../preload/policy-editor-contract';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { callHub, HubRequestError } from '../api';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { formatDateTime } from '../time';
import { ChangeList } from './ChangeList';
import { usePages } from './usePages';

export const actorName = (actor: string) => actor.replace(/^advisor:/, '');

/**
 * The saved versions, newest first: who, when, what changed; one opened to
 * see its changes; "Restore this version" (after a confirmation) saves its
 * policy again as the newest version.
 */
export function PolicyHistory({
  reloadKey,
  currentVersion,
  zone,
  onRestored,
  onFailure,
}: {
  reloadKey: number;
  currentVersion: number;
  zone: string;
  onRestored: (answer: PolicySaved) => void;
  onFailure: (error: unknown) => void;
}) {
  const { tr, locale } = useText();
  const [opened, setOpened] = useState<PolicyVersionDetail | undefined>();
  const [restoring, setRestoring] = useState<PolicyVersionView | undefined>();
  const [restoreError, setRestoreError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const pages = usePages({
    load: (before) => callHub('policyVersions', { id: before === undefined ? 'latest' : String(before) }),
    items: (answer) => answer.versions,
    below: (version) => version.version,
    reloadKey,
    onFailure,
  });
  const versions = pages.list;
  const { failure, setFailure } = pages;

  const open = async (version: number) => {
    if (opened?.version.version === version) {
      setOpened(undefined);
      return;
    }
    try {
      setOpened(await callHub('policyVersion', { id: String(version) }));
    } catch (error) {
      setFailure(error);
      onFailure(error);
    }
  };

  const restore = async () => {
    if (!restoring || busy) return;
    setBusy(true);
    try {
      const answer = await callHub('restorePolicy', { id: String(restoring.version), body: { baseVersion: currentVersion } });
      if (answer.outcome === 'saved') {
        setRestoring(undefined);
        setOpened(undefined);
        onRestored(answer);
      }
    } catch (error) {
      const body = error instanceof HubRequestError ? (error.body as { outcome?: string }) : undefined;
      setRestoreError(body?.outcome === 'conflict' ? tr('policyEditor.history.restoreConflict') : describeError(error, tr));
      if (body?.outcome === 'conflict') pages.reload();
      onFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="policy-history" role="region" aria-labelledby="policy-history-heading">
      <h3 id="policy-history-heading">{tr('policyEditor.history.heading')}</h3>
      <ErrorMessage text={failure === undefined ? undefined : describeError(failure, tr)} />
      <ol className="policy-history__list" reversed>
        {versions.map((v) => (
          <li key={v.version} className="policy-history__item">
            <p>
              <strong>{tr('policyEditor.version', { version: v.version })}</strong>
              {v.version === currentVersion ? <span className="badge">{tr('policyEditor.history.current')}</span> : null}{' '}
              {tr('policyEditor.history.by', { who: actorName(v.actor), time: formatDateTime(v.at, locale, zone) })}
            </p>
            <p className="policy-history__summary">{v.summary}</p>
            <div className="policy-tile__actions">
              <button type="button" className="button" aria-expanded={opened?.version.version === v.version} onClick={() => void open(v.version)}>
                {tr('policyEditor.history.view')}
                <span className="sr-only"> {tr('policyEditor.version', { version: v.version })}</span>
              </button>
              {v.version !== currentVersion ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setRestoreError(undefined);
                    setRestoring(v);
                  }}
                >
                  {tr('policyEditor.history.restore')}
                  <span className="sr-only"> {tr('policyEditor.version', { version: v.version })}</span>
                </button>
              ) : null}
            </div>
            {opened?.version.version === v.version ? (
              <ChangeList changes={opened.changes} label={tr('policyEditor.history.changesOf', { version: v.version })} />
            ) : null}
          </li>
        ))}
      </ol>
      {pages.more ? (
        <button type="button" className="button" onClick={pages.loadMore}>
          {tr('policyEditor.history.more')}
        </button>
      ) : null}
      <ConfirmDialog
        open={restoring !== undefined}
        title={tr('policyEditor.history.confirmTitle', { version: restoring?.version ?? 0 })}
        confirmLabel={tr('policyEditor.history.restore')}
        cancelLabel={tr('common.cancel')}
        busy={busy}
        error={restoreError}
        onConfirm={() => void restore()}
        onCancel={() => setRestoring(undefined)}
      >
        <p>{tr('policyEditor.history.confirmBody', { version: restoring?.version ?? 0, current: currentVersion })}</p>
      </ConfirmDialog>
    </div>
  );
}
