import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { CurrentPolicy, PolicyCheck, PolicyConflict, PolicyInvalid, PolicyProblem, PolicySaveAnswer, PolicyVersionView } from '../../../preload/policy-editor-contract';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { callHub, HubRequestError } from '../api';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { ChangeList } from './ChangeList';
import { ConflictPanel } from './ConflictPanel';
import { setAt, type Json } from './draft';
import { PolicyFormContext, type PolicyForm } from './fields';
import { PolicyHistory } from './PolicyHistory';
import { onPolicyVersion } from './latest';
import { assignProblems, fieldDomId, problemText } from './problems';
import { POLICY_SECTIONS } from './sections';
import './policy.css';

type Base = { version: PolicyVersionView; policy: Json };

/** A tile's description with no language left is no description (the schema wants at least one). */
function tidy(draft: Json): Json {
  const tiles = (draft as { tiles?: Array<Record<string, unknown>> }).tiles;
  if (!Array.isArray(tiles)) return draft;
  const empty = (value: unknown) => !!value && typeof value === 'object' && Object.keys(value).length === 0;
  if (!tiles.some((t) => empty(t.description))) return draft;
  return setAt(
    draft,
    ['tiles'],
    tiles.map((t) => (empty(t.description) ? Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'description')) : t)),
  );
}

/** The refusal's body, when the hub refused a save for the policy itself (400 invalid, 409 conflict). */
function refusal(error: unknown): PolicySaveAnswer | undefined {
  if (!(error instanceof HubRequestError)) return undefined;
  const body = error.body as Partial<PolicySaveAnswer>;
  return body.outcome === 'invalid' || body.outcome === 'conflict' ? (body as PolicySaveAnswer) : undefined;
}

/**
 * "Site policy" for administrators: the policy as a form, section by
 * section; "Review changes" shows what changes (old → new) before anything
 * is saved; a save goes to every PC at once. A refused field is named at the
 * field; another administrator's save since is shown change by change.
 */
export function PolicyEditor({ zone, onFailure }: { zone: string; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const [current, setCurrent] = useState<CurrentPolicy | undefined>();
  const [base, setBase] = useState<Base | undefined>();
  const [draft, setDraft] = useState<Json>({});
  const [problems, setProblems] = useState<Map<string, PolicyProblem[]>>(new Map());
  const [review, setReview] = useState<PolicyCheck | undefined>();
  const [conflict, setConflict] = useState<PolicyConflict | undefined>();
  const [newer, setNewer] = useState<PolicyVersionView | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const failed = useRef(onFailure);
  useEffect(() => {
    failed.current = onFailure;
  });
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);

  const start = useCallback((version: PolicyVersionView, policy: Json) => {
    setBase({ version, policy });
    setDraft(policy);
    setProblems(new Map());
    setReview(undefined);
    setConflict(undefined);
    setNewer(undefined);
    setHistoryKey((n) => n + 1);
  }, []);

  // The current policy once, when the page opens (never again on its own: that would throw away what is being edited).
  useEffect(() => {
    let live = true;
    callHub('policyCurrent').then(
      (answer) => {
        if (!live) return;
        setCurrent(answer);
        start(answer.version, answer.policy);
      },
      (error: unknown) => {
        if (!live) return;
        setFailure(error);
        failed.current(error);
      },
    );
    return () => {
      live = false;
    };
  }, [start]);
  // Another administrator saved: this editor is behind (its save would be refused and shown the difference).
  useEffect(
    () =>
      onPolicyVersion((version) => {
        setHistoryKey((n) => n + 1);
        setBase((b) => {
          if (b && version.version > b.version.version) setNewer(version);
          return b;
        });
      }),
    [],
  );

  const showProblems = (list: readonly PolicyProblem[]) => {
    setProblems(assignProblems(list, (key) => document.getElementById(fieldDomId(key)) !== null));
    setReview(undefined);
    setTimeout(() => summary.current?.focus(), 0);
  };

  const saved = (answer: Extract<PolicySaveAnswer, { outcome: 'saved' }>) => {
    start(answer.version, answer.policy);
    setNotice(tr('policyEditor.saved', { version: answer.version.version }));
  };

  const reviewChanges = async (event: FormEvent) => {
    event.preventDefault();
    if (!base || busy) return;
    setBusy(true);
    setFailure(undefined);
    setNotice('');
    try {
      const check = await callHub('checkPolicy', { body: { policy: draft, baseVersion: base.version.version } });
      if (check.problems.length > 0) showProblems(check.problems);
      else {
        setProblems(new Map());
        setReview(check);
        setTimeout(() => reviewHeading.current?.focus(), 0);
      }
    } catch (error) {
      setFailure(error);
      onFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!base || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await callHub('savePolicy', { body: { policy: draft, baseVersion: base.version.version } });
      if (answer.outcome === 'saved') saved(answer);
    } catch (error) {
      const body = refusal(error);
      if (body?.outcome === 'conflict') {
        setReview(undefined);
        setConflict(body);
      } else if (body?.outcome === 'invalid') showProblems((body as PolicyInvalid).problems);
      else {
        setFailure(error);
        onFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const form: PolicyForm = {
    draft,
    edit: (path, value) => {
      setDraft((d: Json) => tidy(setAt(d, path, value)));
      setReview(undefined);
    },
    problems,
    locales: current?.locales ?? [],
  };
  const all = [...problems.entries()].flatMap(([field, list]) => list.map((problem) => ({ field, problem })));

  return (
    <section id="policy" className="panel policy-editor" aria-labelledby="policy-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="policy-heading">{tr('policyEditor.heading')}</h2>
        {base ? <p className="policy-version">{tr('policyEditor.version', { version: base.version.version })}</p> : null}
      </div>
      {/* Always there, so what is said in it is announced; shown as a message once it says something. */}
      <p className={notice ? 'message message--success' : 'sr-only'} role="status" aria-atomic="true">
        {notice}
      </p>
      <ErrorMessage text={failure === undefined ? undefined : describeError(failure, tr)} />
      {newer && !conflict ? (
        <p className="message message--info" role="status">
          {tr('policyEditor.newer', { version: newer.version, who: newer.actor.replace(/^advisor:/, '') })}
        </p>
      ) : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          zone={zone}
          onReapply={() => {
            setBase({ version: conflict.current, policy: conflict.currentPolicy });
            setDraft(conflict.merged);
            setConflict(undefined);
            setNewer(undefined);
            setNotice(tr('policyEditor.conflict.reapplied', { version: conflict.current.version }));
          }}
          onDiscard={() => {
            start(conflict.current, conflict.currentPolicy);
            setNotice(tr('policyEditor.conflict.discarded', { version: conflict.current.version }));
          }}
        />
      ) : null}
      {all.length > 0 ? (
        <div ref={summary} className="message message--error policy-problems" role="alert" tabIndex={-1}>
          <p>{tr('policyEditor.problems', { count: all.length })}</p>
          <ul>
            {all.map(({ field, problem }, i) => (
              <li key={i}>
                <a href={`#${field ? fieldDomId(field) : 'policy'}`}>{problem.field}</a>: {problemText(problem, tr)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {base ? (
        <PolicyFormContext.Provider value={form}>
          <form className="form policy-form" onSubmit={(e) => void reviewChanges(e)} noValidate>
            {POLICY_SECTIONS.map(({ id, Component }) => (
              <Component key={id} />
            ))}
            {review ? (
              <div className="card policy-review">
                <h3 ref={reviewHeading} tabIndex={-1}>
                  {tr('policyEditor.reviewHeading', { count: review.changes.length })}
                </h3>
                <ChangeList changes={review.changes} label={tr('policyEditor.reviewHeading', { count: review.changes.length })} />
                <div className="form__actions">
                  <button type="button" className="button" onClick={() => setReview(undefined)}>
                    {tr('policyEditor.keepEditing')}
                  </button>
                  {review.changes.length > 0 ? (
                    <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => void save()}>
                      {tr('policyEditor.save')}
                    </button>
                  ) : null}
                </div>
              </div>
            ) : (
              <div className="form__actions policy-form__actions">
                <button type="button" className="button" onClick={() => base && start(base.version, base.policy)}>
                  {tr('policyEditor.undo')}
                </button>
                <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
                  {tr('policyEditor.review')}
                </button>
              </div>
            )}
          </form>
        </PolicyFormContext.Provider>
      ) : null}
      {base ? (
        <PolicyHistory
          reloadKey={historyKey}
          currentVersion={base.version.version}
          zone={zone}
          onRestored={(answer) => {
            saved(answer);
            setNotice(tr('policyEditor.history.restored', { from: answer.version.restoredFrom ?? 0, version: answer.version.version }));
          }}
          onFailure={onFailure}
        />
      ) : null}
    </section>
  );
}
