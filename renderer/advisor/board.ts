import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdvisorEvent, Board, HelpCallView, PcAlertView } from '../../preload/hub-contract';
import type { SourcesView } from '../../preload/sources-contract';
import { callHub, HubRequestError } from './api';
import { openEventLink, type EventLink, type LinkState } from './live';
import { announcePolicyVersion } from './policy/latest';
import { remoteEvent } from './remote/session';

export { addOutcome, applyEvent, isOpen, pcLabel, PROBE_EVERY_MS, type CommandOutcomes, type LiveBoard } from './board-state';
import { addOutcome, applyEvent, PROBE_EVERY_MS, type CommandOutcomes, type LiveBoard } from './board-state';

/**
 * The live board: the first full board, then the hub's deltas over the push
 * channel; reconnects with backoff and starts over from a full board.
 * `onNewCall` and `onNewAlert` are told of every call just made and every
 * PC just gone out of service (not of those already open when the console
 * first loaded: the reminders sound for them).
 */
export function useLiveBoard(options: {
  initial: Board;
  onNewCall: (call: HelpCallView, board: Board) => void;
  onNewAlert: (alert: PcAlertView, board: Board) => void;
  onSignedOut: () => void;
}) {
  const [live, setLive] = useState<LiveBoard>(() => ({ board: options.initial, offsetMs: options.initial.serverTime - Date.now() }));
  const [link, setLink] = useState<LinkState>({ kind: 'connecting' });
  // Kept apart from the board: an outcome may arrive before the route's answer names its command.
  const [commands, setCommands] = useState<CommandOutcomes>({});
  // The booking sources' health as last pushed (renderer/advisor/Sources.tsx fetches it first).
  const [sources, setSources] = useState<SourcesView | undefined>();
  const boardRef = useRef(options.initial);
  const known = useRef(new Set([...options.initial.help.map((c) => c.id), ...options.initial.alerts.map((a) => a.id)]));
  const handlers = useRef(options);
  const linkRef = useRef<EventLink | undefined>(undefined);
  useEffect(() => {
    handlers.current = options;
  });

  const accept = useCallback((event: AdvisorEvent) => {
    if (event.type === 'command') {
      setCommands((current) => addOutcome(current, event));
      return;
    }
    if (event.type === 'sources') {
      setSources(event.sources);
      return;
    }
    if (event.type === 'policy-version') return announcePolicyVersion(event.version);
    if (event.type === 'remote') return remoteEvent(event);
    const next = applyEvent(boardRef.current, event);
    if (!next) return;
    const isNew = (id: string) => {
      if (known.current.has(id)) return false;
      known.current.add(id);
      return true;
    };
    const calls = event.type === 'board' ? event.board.help : event.type === 'help' ? [event.call] : [];
    const freshCalls = calls.filter((call) => isNew(call.id) && call.state === 'requested');
    const alerts = event.type === 'board' ? event.board.alerts : event.type === 'alert' ? [event.alert] : [];
    const freshAlerts = alerts.filter((alert) => isNew(alert.id) && alert.state === 'raised');
    boardRef.current = next;
    setLive((current) => ({ board: next, offsetMs: event.type === 'board' ? next.serverTime - Date.now() : current.offsetMs }));
    for (const call of freshCalls) handlers.current.onNewCall(call, next);
    for (const alert of freshAlerts) handlers.current.onNewAlert(alert, next);
  }, []);

  useEffect(() => {
    const eventLink = openEventLink({
      onEvent: accept,
      onState: (state) => {
        setLink(state);
        if (state.kind === 'signed-out') handlers.current.onSignedOut();
      },
    });
    linkRef.current = eventLink;
    return () => eventLink.close();
  }, [accept]);

  // A WebSocket over a dead network may stay "open": check that the hub answers, and take its fresh counts.
  useEffect(() => {
    const id = setInterval(() => {
      if (link.kind !== 'open') return;
      callHub('board').then(
        (board) => accept({ type: 'board', board }),
        (error: unknown) => {
          if (error instanceof HubRequestError && error.status === 401) handlers.current.onSignedOut();
          else if (error instanceof HubRequestError && error.status === 0) linkRef.current?.abandon();
        },
      );
    }, PROBE_EVERY_MS);
    return () => clearInterval(id);
  }, [accept, link.kind]);

  const retryNow = useCallback(() => linkRef.current?.retryNow(), []);
  /** After an action, the hub's fresh board (counts are not pushed as deltas). */
  const refresh = useCallback(() => {
    callHub('board').then(
      (board) => accept({ type: 'board', board }),
      () => undefined,
    );
  }, [accept]);

  return { ...live, commands, sources, link, retryNow, refresh };
}
