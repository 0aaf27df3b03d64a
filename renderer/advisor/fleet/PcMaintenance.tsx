import { useId, useState } from 'react';
import type { CommandEvent, PcView } from '../../../preload/hub-contract';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { callHub } from '../api';
import type { CommandOutcomes } from '../board';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { CardResult, commandShown } from './CardResult';

type Kind = 'outOfService' | 'inService' | 'restart';
const KIND_OF: Record<Kind, 'out-of-service' | 'in-service' | 'restart'> = { outOfService: 'out-of-service', inService: 'in-service', restart: 'restart' };
const REASON_MAX = 120;
const DONE: Record<Kind, 'fleet.done.outOfService' | 'fleet.done.inService' | 'fleet.done.restart'> = {
  outOfService: 'fleet.done.outOfService',
  inService: 'fleet.done.inService',
  restart: 'fleet.done.restart',
};

/**
 * Maintenance on a PC's card (issue 15): out of service with a reason the
 * PC shows, and back; restart the app (administrators). The outcome comes
 * back under the command's id, as for the other commands.
 */
export function PcMaintenance({ pc, admin, commands, nameId, onFailure }: { pc: PcView; admin: boolean; commands: CommandOutcomes; nameId: string; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const id = useId();
  const [dialog, setDialog] = useState<'outOfService' | 'restart' | undefined>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | undefined>();
  const [refused, setRefused] = useState<string | undefined>();
  const [sent, setSent] = useState<{ kind: Kind; commandId: string } | undefined>();
  if (!pc.paired || pc.revoked) return null;
  const planned = pc.status?.phase === 'out-of-service' && pc.status.outOfService?.planned === true;
  const outcome: CommandEvent | undefined = sent ? commands[sent.commandId] : undefined;

  const send = async (kind: Kind, fromDialog: boolean) => {
    if (busy) return;
    if (kind === 'outOfService' && reason.trim() === '') {
      setDialogError(tr('fleet.reasonRequired'));
      return;
    }
    setBusy(true);
    setDialogError(undefined);
    setRefused(undefined);
    try {
      const { commandId } = kind === 'outOfService' ? await callHub('outOfService', { id: pc.id, body: { reason } }) : await callHub(kind, { id: pc.id });
      setSent({ kind, commandId });
      setDialog(undefined);
      setReason('');
    } catch (error) {
      const text = describeError(error, tr, { pc: pc.name });
      if (fromDialog) setDialogError(text);
      else setRefused(text);
      onFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const shown = commandShown(tr, refused, sent && { kind: KIND_OF[sent.kind], done: tr(DONE[sent.kind]) }, outcome);

  return (
    <>
      <div className="pc-card__actions fleet-actions">
        {planned ? (
          <button type="button" className="button" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => void send('inService', false)}>
            {tr('fleet.inService')}
          </button>
        ) : (
          <button type="button" className="button" aria-describedby={nameId} onClick={() => setDialog('outOfService')}>
            {tr('fleet.outOfService')}
          </button>
        )}
        {admin ? (
          <button type="button" className="button" aria-describedby={nameId} onClick={() => setDialog('restart')}>
            {tr('fleet.restart')}
          </button>
        ) : null}
      </div>
      <CardResult pcName={pc.name} shown={shown} />
      <ConfirmDialog
        open={dialog !== undefined}
        title={dialog === 'restart' ? tr('fleet.restartTitle', { pc: pc.name }) : tr('fleet.outOfServiceTitle', { pc: pc.name })}
        confirmLabel={dialog === 'restart' ? tr('fleet.restartConfirm') : tr('fleet.outOfServiceConfirm')}
        cancelLabel={tr('common.cancel')}
        tone="danger"
        busy={busy}
        error={dialogError}
        onConfirm={() => dialog && void send(dialog, true)}
        onCancel={() => {
          setDialog(undefined);
          setDialogError(undefined);
        }}
      >
        {dialog === 'restart' ? (
          <p>{tr('fleet.restartBody')}</p>
        ) : (
          <>
            <p>{tr('fleet.outOfServiceBody')}</p>
            <label htmlFor={`${id}-reason`} className="field__label">
              {tr('fleet.reasonLabel')}
            </label>
            <input
              id={`${id}-reason`}
              className="input fleet-reason-input"
              type="text"
              maxLength={REASON_MAX}
              value={reason}
              aria-describedby={`${id}-reason-hint`}
              onChange={(e) => setReason(e.target.value)}
            />
            <p id={`${id}-reason-hint`} className="field__hint">
              {tr('fleet.reasonHint')}
            </p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
