import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { callHub } from '../api';
import { iceTransportPolicy, sendIceCandidates, SignalInbox } from '../../ui/webrtc';
import { onRemoteEvent, type RemoteJoin } from './session';
import type { ChatLine } from '../../ui/ChatBox';

export type WatchPhase = 'consent' | 'connecting' | 'live' | 'ended';
export type AdvisorChatLine = ChatLine;

/** How the picture reaches the console: frames decoded so far, and whether through the TURN server. */
export interface WatchStats {
  framesDecoded: number;
  relayed: boolean | undefined;
}

const STATS_EVERY_MS = 1_000;

/**
 * The advisor's side of a remote help call: the WebRTC connection that
 * receives the resident's page (and voice both ways when the site has
 * headsets), the chat, and the call's phase as the hub reports it.
 */
export function useRemoteWatch(join: RemoteJoin, video: RefObject<HTMLVideoElement | null>, audio: RefObject<HTMLAudioElement | null>) {
  const [phase, setPhase] = useState<WatchPhase>('consent');
  const [reason, setReason] = useState<string | undefined>();
  const [chat, setChat] = useState<AdvisorChatLine[]>([]);
  const [stats, setStats] = useState<WatchStats>({ framesDecoded: 0, relayed: undefined });
  const [micMissing, setMicMissing] = useState(false);
  const peer = useRef<RTCPeerConnection | undefined>(undefined);
  const mic = useRef<MediaStream | undefined>(undefined);
  const seq = useRef(0);
  const id = join.callId;

  const hangUp = useCallback(() => {
    peer.current?.close();
    for (const track of mic.current?.getTracks() ?? []) track.stop();
    mic.current = undefined;
  }, []);

  useEffect(() => {
    const pc = new RTCPeerConnection({ iceServers: join.iceServers, iceTransportPolicy: iceTransportPolicy() });
    peer.current = pc;
    const inbox = new SignalInbox();
    pc.ontrack = (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      if (event.track.kind === 'video' && video.current) video.current.srcObject = stream;
      if (event.track.kind === 'audio' && audio.current) audio.current.srcObject = stream;
    };
    sendIceCandidates(pc, (signal) => callHub('remoteSignal', { id, body: { signal } }));
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') void callHub('remoteEnd', { id }).catch(() => undefined);
    };
    const answer = async () => {
      if (join.voice) {
        try {
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
          mic.current = stream;
          for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
        } catch {
          setMicMissing(true);
        }
      }
      const description = await pc.createAnswer();
      await pc.setLocalDescription(description);
      await callHub('remoteSignal', { id, body: { signal: { kind: 'sdp', type: 'answer', sdp: description.sdp ?? '' } } });
    };
    const off = onRemoteEvent((event) => {
      if (event.callId !== id) return;
      const message = event.message;
      if (message.kind === 'consent') setPhase('connecting');
      else if (message.kind === 'chat') setChat((lines) => [...lines.slice(-49), { id: ++seq.current, from: 'resident', text: message.text }]);
      else if (message.kind === 'ended') {
        setPhase('ended');
        setReason(message.reason);
        hangUp();
      } else {
        void inbox.receive(pc, message.signal).then((got) => (got === 'offer' ? answer() : undefined)).catch(() => undefined);
      }
    });
    // The picture's health for the advisor (and the tests): frames decoded, and whether it goes through the relay.
    const timer = setInterval(() => {
      if (pc.connectionState === 'closed') return;
      void pc.getStats().then((report) => {
        let framesDecoded = 0;
        let relayed: boolean | undefined;
        const byId = new Map<string, Record<string, unknown>>();
        report.forEach((entry: Record<string, unknown>) => byId.set(String(entry.id), entry));
        for (const entry of byId.values()) {
          if (entry.type === 'inbound-rtp' && entry.kind === 'video') framesDecoded = Number(entry.framesDecoded ?? 0);
          if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
            const pair = byId.get(entry.selectedCandidatePairId);
            const local = pair && byId.get(String(pair.localCandidateId));
            const remote = pair && byId.get(String(pair.remoteCandidateId));
            if (local && remote) relayed = local.candidateType === 'relay' || remote.candidateType === 'relay';
          }
        }
        setStats({ framesDecoded, relayed });
        if (framesDecoded > 0) setPhase((current) => (current === 'ended' ? current : 'live'));
      });
    }, STATS_EVERY_MS);
    return () => {
      off();
      clearInterval(timer);
      pc.close();
      for (const track of mic.current?.getTracks() ?? []) track.stop();
    };
  }, [id, join.iceServers, join.voice, hangUp, video, audio]);

  const say = useCallback(
    async (text: string) => {
      const line = text.trim();
      if (!line) return false;
      await callHub('remoteChat', { id, body: { text: line } });
      setChat((lines) => [...lines.slice(-49), { id: ++seq.current, from: 'advisor', text: line }]);
      return true;
    },
    [id],
  );

  const point = useCallback((x: number, y: number) => callHub('remotePointer', { id, body: { x, y } }), [id]);

  const end = useCallback(async () => {
    await callHub('remoteEnd', { id });
    setPhase('ended');
    setReason('advisor-ended');
    hangUp();
  }, [id, hangUp]);

  return { phase, reason, chat, stats, micMissing, say, point, end };
}
