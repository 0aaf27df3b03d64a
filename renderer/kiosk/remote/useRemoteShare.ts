import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../preload/contract';
import { useKioskContext } from '../state';
import { iceTransportPolicy, sendIceCandidates, SignalInbox } from '../../ui/webrtc';

type RemoteEvent = EventPayload<'kiosk.remote'>;

export type { ChatLine } from '../../ui/ChatBox';
import type { ChatLine } from '../../ui/ChatBox';

export interface Pointer {
  id: number;
  x: number;
  y: number;
}

/** Why sharing could not start: the capture was refused or failed. */
export type ShareProblem = 'capture' | undefined;

/**
 * The resident's side of a remote help call in the kiosk UI: the capture of
 * the page (after "Show my screen" only), the WebRTC connection to the
 * advisor's console, voice when the site has headsets, the advisor's
 * pointer and the chat. Everything stops when the call leaves "sharing".
 */
export function useRemoteShare() {
  const { client, snapshot } = useKioskContext();
  const remote = snapshot.remote;
  const state = remote?.state;
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [pointer, setPointer] = useState<Pointer | undefined>();
  const [problem, setProblem] = useState<ShareProblem>();
  const [micMissing, setMicMissing] = useState(false);
  const peer = useRef<RTCPeerConnection | undefined>(undefined);
  const streams = useRef<MediaStream[]>([]);
  const inbox = useRef(new SignalInbox());
  const audio = useRef<HTMLAudioElement | null>(null);
  const seq = useRef(0);

  const stopMedia = useCallback(() => {
    peer.current?.close();
    peer.current = undefined;
    for (const stream of streams.current) for (const track of stream.getTracks()) track.stop();
    streams.current = [];
    inbox.current = new SignalInbox();
    if (audio.current) audio.current.srcObject = null;
  }, []);

  // The call is over (or never got to sharing): nothing keeps capturing, and the chat goes with it.
  useEffect(() => {
    if (state !== 'sharing') stopMedia();
  }, [state, stopMedia]);
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (state === 'idle' || state === undefined) {
      setChat([]);
      setPointer(undefined);
      setProblem(undefined);
      setMicMissing(false);
    }
  }
  useEffect(() => stopMedia, [stopMedia]);

  // The advisor's answer, candidates, pointer and chat.
  useEffect(
    () =>
      client.onRemote((event: RemoteEvent) => {
        if (event.kind === 'chat') setChat((lines) => [...lines.slice(-49), { id: ++seq.current, from: 'advisor', text: event.text }]);
        else if (event.kind === 'pointer') {
          setPointer({ id: ++seq.current, ...event.at });
          performance.mark('tupa:remote-pointer-drawn');
        } else if (peer.current) void inbox.current.receive(peer.current, event.signal);
      }),
    [client],
  );

  /** "Show my screen": capture first (the browser wants the tap), then tell the hub, then connect. */
  const show = useCallback(async () => {
    setProblem(undefined);
    performance.mark('tupa:remote-consent');
    let screen: MediaStream;
    try {
      // The preview shares its own tab; on a room PC the shell answers with the residents' web view only.
      // A page for reading, not a film: a few frames a second keep the PC and the network light.
      screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 8, max: 15 } }, audio: false, preferCurrentTab: true } as DisplayMediaStreamOptions);
    } catch {
      setProblem('capture');
      await client.call('kiosk.remote.consent', { given: false }).catch(() => undefined);
      return;
    }
    const answer = await client.call('kiosk.remote.consent', { given: true }).catch(() => undefined);
    if (answer?.result !== 'ok') {
      for (const track of screen.getTracks()) track.stop();
      return;
    }
    streams.current.push(screen);
    const pc = new RTCPeerConnection({ iceServers: answer.iceServers, iceTransportPolicy: iceTransportPolicy() });
    peer.current = pc;
    for (const track of screen.getVideoTracks()) {
      pc.addTrack(track, screen);
      // The browser's own "stop sharing" ends it as the bar's button does.
      track.addEventListener('ended', () => void client.call('kiosk.remote.stop', { reason: 'resident-stopped' }).catch(() => undefined));
    }
    if (answer.voice) {
      try {
        const mic = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
        streams.current.push(mic);
        for (const track of mic.getAudioTracks()) pc.addTrack(track, mic);
      } catch {
        // No microphone or headset: the advisor is still heard, and the chat is there.
        setMicMissing(true);
        pc.addTransceiver('audio', { direction: 'recvonly' });
      }
    }
    pc.ontrack = (event) => {
      if (event.track.kind === 'audio' && audio.current) audio.current.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    };
    sendIceCandidates(pc, (signal) => client.call('kiosk.remote.signal', { signal }));
    pc.onconnectionstatechange = () => {
      // "disconnected" may come back by itself (the network drops and returns); "failed" does not.
      if (pc.connectionState === 'failed') void client.call('kiosk.remote.stop', { reason: 'connection-lost' }).catch(() => undefined);
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    await client.call('kiosk.remote.signal', { signal: { kind: 'sdp', type: 'offer', sdp: offer.sdp ?? '' } });
  }, [client]);

  const say = useCallback(
    async (text: string) => {
      const line = text.trim();
      if (!line) return false;
      await client.call('kiosk.remote.chat', { text: line });
      setChat((lines) => [...lines.slice(-49), { id: ++seq.current, from: 'resident', text: line }]);
      return true;
    },
    [client],
  );

  return { remote, chat, pointer, problem, micMissing, audio, show, say };
}
