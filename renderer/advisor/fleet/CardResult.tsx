import type { CommandEvent, KioskCommand } from '../../../preload/hub-contract';
import { describeOutcome } from '../commands';
import type { Tr } from '../i18n';

export type Shown = { tone: string; text: string } | undefined;

/**
 * What a card says of a command it sent: the refusal, "sending", then the
 * PC's outcome (done in the card's own words, or why not).
 */
export function commandShown(tr: Tr, refused: string | undefined, sent: { kind: KioskCommand['kind']; done: string } | undefined, outcome: CommandEvent | undefined): Shown {
  if (refused) return { tone: 'error', text: refused };
  if (!sent) return undefined;
  if (!outcome) return { tone: 'info', text: tr('command.sending') };
  return outcome.outcome === 'done' ? { tone: 'success', text: sent.done } : describeOutcome(sent.kind, outcome, tr);
}

/** How a command from a PC's card turned out, announced politely with the PC's name for screen readers. */
export function CardResult({ pcName, shown }: { pcName: string; shown: { tone: string; text: string } | undefined }) {
  return (
    <div className="pc-card__result" aria-live="polite" aria-atomic="true">
      {shown ? (
        <p className={`message message--${shown.tone}`}>
          <span className="sr-only">{pcName}: </span>
          {shown.text}
        </p>
      ) : null}
    </div>
  );
}
