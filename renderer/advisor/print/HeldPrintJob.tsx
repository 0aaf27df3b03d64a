import { useState } from 'react';
import type { CommandEvent, PcView } from '../../../preload/hub-contract';
import { callHub } from '../api';
import type { CommandOutcomes } from '../board';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { formatClock } from '../time';
import { CardResult, commandShown } from '../fleet/CardResult';

type Kind = 'printRelease' | 'printCancel';
const KIND_OF = { printRelease: 'print-release', printCancel: 'print-cancel' } as const;
const DONE = { printRelease: 'printing.released', printCancel: 'printing.cancelled' } as const;

/**
 * A print job waiting at this PC for an advisor (issue 14: the site's
 * printing.releaseOver): its size and since when, "Release" and "Cancel".
 * The PC answers under the command's id, like every card command; a job
 * already gone (printed, cancelled, the session ended) is said so.
 */
export function HeldPrintJob({ pc, zone, commands, nameId, onFailure }: { pc: PcView; zone: string; commands: CommandOutcomes; nameId: string; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | undefined>();
  const [sent, setSent] = useState<{ kind: Kind; commandId: string } | undefined>();
  const held = pc.online ? pc.status?.print?.held : undefined;
  const outcome: CommandEvent | undefined = sent ? commands[sent.commandId] : undefined;

  const send = async (kind: Kind) => {
    if (busy) return;
    setBusy(true);
    setRefused(undefined);
    try {
      const { commandId } = await callHub(kind, { id: pc.id });
      setSent({ kind, commandId });
    } catch (error) {
      setRefused(describeError(error, tr, { pc: pc.name }));
      onFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const shown = commandShown(tr, refused, sent && { kind: KIND_OF[sent.kind], done: tr(DONE[sent.kind]) }, outcome);
  if (!held && !shown) return null;

  return (
    <div className="held-print" role="group" aria-labelledby={held ? `${nameId}-held` : undefined}>
      {held ? (
        <>
          <p id={`${nameId}-held`} className="held-print__what">
            <strong>{tr('printing.heldTitle', { count: held.sheets })}</strong> {tr('printing.heldSince', { time: formatClock(held.since, locale, zone) })}
          </p>
          <div className="pc-card__actions">
            <button type="button" className="button button--primary" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => void send('printRelease')}>
              {tr('printing.release')}
            </button>
            <button type="button" className="button" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => void send('printCancel')}>
              {tr('printing.cancel')}
            </button>
          </div>
        </>
      ) : null}
      <CardResult pcName={pc.name} shown={shown} />
    </div>
  );
}
