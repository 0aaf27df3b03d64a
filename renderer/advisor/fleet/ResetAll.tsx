import { useId, useState } from 'react';
import type { PcView } from '../../../preload/hub-contract';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { callHub } from '../api';
import { describeError } from '../errors';
import { useText } from '../i18n';

const WARN_CHOICES = [1, 2, 5, 10] as const;

/** "Reset all computers" (administrators): running sessions are warned, then end and are wiped; the rest are wiped now. */
export function ResetAll({ pcs, onFailure }: { pcs: readonly PcView[]; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(2);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<string | undefined>();

  const send = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await callHub('resetAll', { body: { warnMinutes: minutes } });
      const names = answer.skipped.map((pcId) => pcs.find((p) => p.id === pcId)?.name ?? pcId);
      setResult([tr('fleet.resetAll.sent', { count: answer.commands.length }), ...(names.length ? [tr('fleet.resetAll.skipped', { pcs: names.join(', ') })] : [])].join(' '));
      setOpen(false);
    } catch (failure) {
      setError(describeError(failure, tr, {}));
      onFailure(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fleet-reset-all">
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        {tr('fleet.resetAll.button')}
      </button>
      <p className="sr-live" aria-live="polite" aria-atomic="true">
        {result ? <span className="message message--success">{result}</span> : null}
      </p>
      <ConfirmDialog
        open={open}
        title={tr('fleet.resetAll.title')}
        confirmLabel={tr('fleet.resetAll.confirm')}
        cancelLabel={tr('common.cancel')}
        tone="danger"
        busy={busy}
        error={error}
        onConfirm={() => void send()}
        onCancel={() => {
          setOpen(false);
          setError(undefined);
        }}
      >
        <p>{tr('fleet.resetAll.body')}</p>
        <label htmlFor={`${id}-warn`} className="field__label">
          {tr('fleet.resetAll.warnLabel')}
        </label>
        <select id={`${id}-warn`} className="input input--select" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {WARN_CHOICES.map((m) => (
            <option key={m} value={m}>
              {tr('common.minutes', { count: m })}
            </option>
          ))}
        </select>
      </ConfirmDialog>
    </div>
  );
}
