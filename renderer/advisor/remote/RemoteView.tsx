import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { Board } from '../../../preload/hub-contract';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { pcLabel } from '../board';
import { describeError } from '../errors';
import { useText, type AdvisorKey } from '../i18n';
import { closeRemote, useRemoteJoin, type RemoteJoin } from './session';
import { ChatBox } from '../../ui/ChatBox';
import { useRemoteWatch } from './useRemoteWatch';
import './remote.css';

const ENDED: Record<string, AdvisorKey> = {
  'resident-stopped': 'remote.ended.residentStopped',
  declined: 'remote.ended.declined',
  'advisor-ended': 'remote.ended.advisorEnded',
  'session-ended': 'remote.ended.sessionEnded',
  'connection-lost': 'remote.ended.connectionLost',
  cancelled: 'remote.ended.cancelled',
};

/** The console's menu entry for the remote-help view, while there is one. */
export function RemoteNavItem() {
  const { tr } = useText();
  if (!useRemoteJoin()) return null;
  return (
    <li>
      <a href="#remote">{tr('remote.nav')}</a>
    </li>
  );
}

/** Help from afar in the console (issue 16): shown while this console has a remote call it accepted. */
export function RemoteHelpView({ board }: { board: Board }) {
  const join = useRemoteJoin();
  if (!join) return null;
  return <RemoteSession key={join.callId} join={join} board={board} />;
}

/**
 * The resident's page, live; the chat; voice when the site has headsets;
 * a click on the picture points there on the resident's screen (the
 * advisor never types or clicks into the page); "End".
 */
function RemoteSession({ join, board }: { join: RemoteJoin; board: Board }) {
  const { tr } = useText();
  const video = useRef<HTMLVideoElement | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);
  const watch = useRemoteWatch(join, video, audio);
  const { phase, reason, stats } = watch;
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string | undefined>();
  const { name, room } = pcLabel(board.pcs, join.pcId);
  const where = room ? tr('help.where', { pc: name, room }) : name;

  useEffect(() => heading.current?.focus(), []);

  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure, tr));
    }
  };

  const status =
    phase === 'consent'
      ? tr('remote.waitingConsent')
      : phase === 'connecting'
        ? tr('remote.connecting')
        : phase === 'live'
          ? stats.relayed
            ? tr('remote.liveRelayed')
            : tr('remote.live')
          : tr(ENDED[reason ?? ''] ?? 'remote.ended.connectionLost');

  return (
    <section id="remote" className="panel remote-view" aria-labelledby="remote-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="remote-heading" ref={heading} tabIndex={-1}>
          {tr('remote.heading', { where })}
        </h2>
      </div>
      <p role="status" className={`remote-view__status remote-view__status--${phase}`} data-frames={stats.framesDecoded} data-relayed={stats.relayed === undefined ? '' : String(stats.relayed)}>
        {status}
      </p>
      {phase !== 'ended' ? (
        <>
          <Picture video={video} onPoint={watch.point} />
          {join.voice ? <p className="hint">{watch.micMissing ? tr('remote.micMissing') : tr('remote.voiceOn')}</p> : null}
          <ChatBox
            prefix="remote-view-chat"
            level={3}
            heading={tr('remote.chatHeading')}
            label={tr('remote.chatLabel')}
            send={tr('remote.send')}
            names={{ resident: tr('remote.resident'), advisor: tr('remote.you') }}
            lines={watch.chat}
            onSay={(text) => watch.say(text)}
          />
          <div className="remote-view__actions">
            <button type="button" className="button button--danger button--large" onClick={() => void act(() => watch.end())}>
              {tr('remote.end')}
            </button>
          </div>
        </>
      ) : (
        <div className="remote-view__actions">
          <button type="button" className="button button--large" onClick={closeRemote}>
            {tr('remote.close')}
          </button>
        </div>
      )}
      <audio ref={audio} autoPlay hidden />
      <ErrorMessage text={error} />
    </section>
  );
}

/** The live picture. A click (or Enter on the keyboard's crosshair, moved with the arrows) points there on the resident's screen. */
function Picture({ video, onPoint }: { video: RefObject<HTMLVideoElement | null>; onPoint: (x: number, y: number) => Promise<unknown> }) {
  const { tr } = useText();
  const [aim, setAim] = useState({ x: 0.5, y: 0.5 });
  const [pointed, setPointed] = useState<{ x: number; y: number; n: number } | undefined>();
  const hintId = useId();

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const first = () => {
      if (performance.getEntriesByName('tupa:remote-first-frame').length === 0) performance.mark('tupa:remote-first-frame');
    };
    element.addEventListener('loadeddata', first);
    return () => element.removeEventListener('loadeddata', first);
  }, [video]);

  const point = (x: number, y: number) => {
    setPointed((last) => ({ x, y, n: (last?.n ?? 0) + 1 }));
    void onPoint(x, y).catch(() => undefined);
  };

  /** The click's place on the picture itself (the video keeps its proportions inside its box). */
  const onClick = (event: MouseEvent<HTMLVideoElement>) => {
    const element = event.currentTarget;
    const box = element.getBoundingClientRect();
    const width = element.videoWidth || box.width;
    const height = element.videoHeight || box.height;
    const scale = Math.min(box.width / width, box.height / height);
    const shownWidth = width * scale;
    const shownHeight = height * scale;
    const x = (event.clientX - box.left - (box.width - shownWidth) / 2) / shownWidth;
    const y = (event.clientY - box.top - (box.height - shownHeight) / 2) / shownHeight;
    if (x < 0 || x > 1 || y < 0 || y > 1) return;
    point(x, y);
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const move: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = move[event.key];
    if (delta) {
      event.preventDefault();
      setAim((a) => ({ x: Math.min(1, Math.max(0, a.x + delta[0])), y: Math.min(1, Math.max(0, a.y + delta[1])) }));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      point(aim.x, aim.y);
    }
  };

  return (
    <div className="remote-view__picture" role="group" tabIndex={0} aria-label={tr('remote.pictureLabel')} aria-describedby={hintId} onKeyDown={onKey}>
      <video ref={video} className="remote-view__video" autoPlay muted playsInline onClick={onClick} data-testid="remote-video" />
      <span className="remote-view__aim" style={{ left: `${aim.x * 100}%`, top: `${aim.y * 100}%` }} aria-hidden="true" />
      {pointed ? <span key={pointed.n} className="remote-view__pointed" style={{ left: `${pointed.x * 100}%`, top: `${pointed.y * 100}%` }} aria-hidden="true" /> : null}
      <p id={hintId} className="hint">
        {tr('remote.pointHint')}
      </p>
    </div>
  );
}
