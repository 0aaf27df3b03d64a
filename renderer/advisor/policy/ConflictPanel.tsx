import { useEffect, useRef } from 'react';
import type { PolicyConflict } from '../../../preload/policy-editor-contract';
import { useText } from '../i18n';
import { formatDateTime } from '../time';
import { ChangeList } from './ChangeList';

/**
 * Another administrator saved while this one was editing: their changes and
 * this one's, field by field; this administrator re-applies theirs on top of
 * the newer version (to review and save again) or discards them.
 */
export function ConflictPanel({ conflict, zone, onReapply, onDiscard }: { conflict: PolicyConflict; zone: string; onReapply: () => void; onDiscard: () => void }) {
  const { tr, locale } = useText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [conflict]);
  const who = conflict.current.actor.replace(/^advisor:/, '');
  return (
    <div className="policy-conflict card" role="region" aria-labelledby="policy-conflict-heading">
      <h3 id="policy-conflict-heading" ref={heading} tabIndex={-1}>
        {tr('policyEditor.conflict.heading')}
      </h3>
      <p>{tr('policyEditor.conflict.intro', { version: conflict.current.version, who, time: formatDateTime(conflict.current.at, locale, zone) })}</p>
      <h4>{tr('policyEditor.conflict.theirs', { who })}</h4>
      <ChangeList changes={conflict.theirs} label={tr('policyEditor.conflict.theirs', { who })} />
      <h4>{tr('policyEditor.conflict.mine')}</h4>
      <ChangeList changes={conflict.mine} label={tr('policyEditor.conflict.mine')} />
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onReapply}>
          {tr('policyEditor.conflict.reapply')}
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          {tr('policyEditor.conflict.discard')}
        </button>
      </div>
    </div>
  );
}
