import { MINUTE } from './clock';

export type SessionKind = 'booked' | 'walk-in';
export type EndReason = 'time-up' | 'resident' | 'idle' | 'advisor' | 'interrupted';
export type FeedbackScore = 'good' | 'ok' | 'bad';

export type Phase = 'welcome' | 'active' | 'warning' | 'ending' | 'wiping' | 'feedback' | 'out-of-service';

/** A running session. Wall times are epoch ms; `*Mono` values come from the monotonic clock. */
export interface Session {
  id: string;
  kind: SessionKind;
  bookingId?: string | undefined;
  startedAt: number;
  startedMono: number;
  /** The booked (or walk-in) end, on the wall clock. */
  endsAt: number;
  /**
   * How long the session may run in monotonic time. It moves with `endsAt`, so
   * a wall clock set backwards cannot stretch a session beyond its length.
   */
  limitMs: number;
  language: string;
  extensions: number;
  /** Warning thresholds (minutes) already passed, announced or not. */
  warningsPassed: number[];
  /** The last warning shown; `seq` counts warnings so the UI can tell a new one. */
  warning?: { minutesLeft: number; seq: number } | undefined;
  lastActivityMono: number;
  /** Set while "Are you still there?" is shown. */
  idlePromptUntilMono?: number | undefined;
  mediaInUse: boolean;
}

export type State =
  | { phase: 'welcome' }
  | { phase: 'active' | 'warning'; session: Session }
  | { phase: 'ending'; session: Session; reason: EndReason; endedAt: number }
  | { phase: 'wiping'; sessionId: string; reason: EndReason }
  | { phase: 'feedback'; sessionId: string; untilMono: number }
  | { phase: 'out-of-service'; reason: string };

export interface MachinePolicy {
  /** Minutes before the end at which to warn, e.g. [10, 5, 1]. */
  warningMinutes: readonly number[];
  idleTimeoutMs: number;
  /** How long "Are you still there?" waits (at least 20 s). */
  idlePromptMs: number;
  feedback: { enabled: boolean; timeoutMs: number };
}

export interface Now {
  now: number;
  mono: number;
}

export interface NewSession {
  id: string;
  kind: SessionKind;
  bookingId?: string | undefined;
  endsAt: number;
  language: string;
}

export type Input =
  | { type: 'start'; session: NewSession }
  | { type: 'tick' }
  | { type: 'activity' }
  | { type: 'confirm-presence' }
  | { type: 'media'; inUse: boolean }
  | { type: 'end'; reason: 'resident' | 'advisor' }
  | { type: 'extend'; endsAt: number }
  | { type: 'clamp'; latestEnd: number }
  | { type: 'language'; language: string }
  | { type: 'view-hidden' }
  | { type: 'wipe-done'; ok: boolean; problem?: string }
  | { type: 'feedback'; score: FeedbackScore }
  | { type: 'skip-feedback' };

export type Effect =
  | { type: 'record-start'; session: Session }
  | { type: 'session-changed'; session: Session }
  /** usedMs: how long the session really ran, on the monotonic clock (a wall-clock jump does not count). */
  | { type: 'record-end'; session: Session; reason: EndReason; endedAt: number; usedMs: number }
  | { type: 'hide-view'; sessionId: string }
  | { type: 'run-wipe'; sessionId: string }
  | { type: 'record-feedback'; sessionId: string; score: FeedbackScore }
  | { type: 'warning'; minutesLeft: number }
  | { type: 'out-of-service'; reason: string };

export interface Step {
  state: State;
  effects: Effect[];
}

export const WELCOME: State = { phase: 'welcome' };

/** Time left, the lesser of the wall-clock and the monotonic reading. */
export function remainingMs(session: Session, t: Now): number {
  return Math.min(session.endsAt - t.now, session.startedMono + session.limitMs - t.mono);
}

/**
 * The session state machine:
 * welcome → active → warning → ending → wiping → feedback → welcome.
 * Pure: it takes the state, one input and the time, and returns the next
 * state and the effects for the caller to carry out.
 */
export function step(state: State, input: Input, t: Now, policy: MachinePolicy): Step {
  const effects: Effect[] = [];
  const next = apply(state, input, t, policy, effects);
  return { state: evaluate(next, t, policy, effects), effects };
}

function apply(state: State, input: Input, t: Now, policy: MachinePolicy, effects: Effect[]): State {
  switch (input.type) {
    case 'start': {
      if (state.phase !== 'welcome') return state;
      const s = input.session;
      const session: Session = {
        id: s.id,
        kind: s.kind,
        bookingId: s.bookingId,
        startedAt: t.now,
        startedMono: t.mono,
        endsAt: s.endsAt,
        limitMs: Math.max(0, s.endsAt - t.now),
        language: s.language,
        extensions: 0,
        warningsPassed: [],
        lastActivityMono: t.mono,
        mediaInUse: false,
      };
      effects.push({ type: 'record-start', session });
      return { phase: 'active', session };
    }
    case 'tick':
      return state;
    case 'activity':
    case 'confirm-presence':
      if (!inSession(state)) return state;
      return { ...state, session: { ...state.session, lastActivityMono: t.mono, idlePromptUntilMono: undefined } };
    case 'media':
      if (!inSession(state)) return state;
      return {
        ...state,
        session: {
          ...state.session,
          mediaInUse: input.inUse,
          // The idle timer starts afresh when a call ends.
          lastActivityMono: t.mono,
          idlePromptUntilMono: undefined,
        },
      };
    case 'language': {
      if (!inSession(state)) return state;
      const session = { ...state.session, language: input.language };
      effects.push({ type: 'session-changed', session });
      return { ...state, session };
    }
    case 'end':
      if (!inSession(state)) return state;
      return end(state.session, input.reason, t, effects);
    case 'extend': {
      if (!inSession(state) || input.endsAt <= state.session.endsAt) return state;
      const added = input.endsAt - state.session.endsAt;
      const extended: Session = {
        ...state.session,
        endsAt: input.endsAt,
        limitMs: state.session.limitMs + added,
        extensions: state.session.extensions + 1,
      };
      const left = remainingMs(extended, t);
      // Warnings that now lie ahead again will be given again.
      const session = { ...extended, warningsPassed: extended.warningsPassed.filter((m) => left <= m * MINUTE) };
      effects.push({ type: 'session-changed', session });
      return { phase: 'active', session };
    }
    case 'clamp': {
      if (!inSession(state) || state.session.endsAt <= input.latestEnd) return state;
      const cut = state.session.endsAt - input.latestEnd;
      const session = { ...state.session, endsAt: input.latestEnd, limitMs: Math.max(0, state.session.limitMs - cut) };
      effects.push({ type: 'session-changed', session });
      return { ...state, session };
    }
    case 'view-hidden':
      if (state.phase !== 'ending') return state;
      effects.push({ type: 'run-wipe', sessionId: state.session.id });
      return { phase: 'wiping', sessionId: state.session.id, reason: state.reason };
    case 'wipe-done':
      if (state.phase !== 'wiping') return state;
      if (!input.ok) {
        const reason = input.problem ?? 'wipe-failed';
        effects.push({ type: 'out-of-service', reason });
        return { phase: 'out-of-service', reason };
      }
      if (policy.feedback.enabled && state.reason !== 'interrupted') {
        return { phase: 'feedback', sessionId: state.sessionId, untilMono: t.mono + policy.feedback.timeoutMs };
      }
      return WELCOME;
    case 'feedback':
      if (state.phase !== 'feedback') return state;
      effects.push({ type: 'record-feedback', sessionId: state.sessionId, score: input.score });
      return WELCOME;
    case 'skip-feedback':
      return state.phase === 'feedback' ? WELCOME : state;
  }
}

/** Applies what time alone decides: the end, idleness, warnings, the feedback timeout. */
function evaluate(state: State, t: Now, policy: MachinePolicy, effects: Effect[]): State {
  if (state.phase === 'feedback') return t.mono >= state.untilMono ? WELCOME : state;
  if (!inSession(state)) return state;
  let session = state.session;
  const left = remainingMs(session, t);
  if (left <= 0) return end(session, 'time-up', t, effects);

  if (!session.mediaInUse) {
    if (session.idlePromptUntilMono !== undefined) {
      if (t.mono >= session.idlePromptUntilMono) return end(session, 'idle', t, effects);
    } else if (t.mono - session.lastActivityMono >= policy.idleTimeoutMs) {
      session = { ...session, idlePromptUntilMono: t.mono + policy.idlePromptMs };
    }
  }

  const due = policy.warningMinutes.filter((m) => left <= m * MINUTE && !session.warningsPassed.includes(m));
  if (due.length > 0) {
    // Rounded up, so warnings within a session always count down (10, 5, 1).
    const minutesLeft = Math.max(1, Math.ceil(left / MINUTE));
    session = {
      ...session,
      warningsPassed: [...session.warningsPassed, ...due],
      warning: { minutesLeft, seq: (session.warning?.seq ?? 0) + 1 },
    };
    effects.push({ type: 'warning', minutesLeft });
  }
  const firstWarning = Math.max(0, ...policy.warningMinutes) * MINUTE;
  const phase = session.warningsPassed.length > 0 && left <= firstWarning ? 'warning' : 'active';
  return { phase, session };
}

function end(session: Session, reason: EndReason, t: Now, effects: Effect[]): State {
  const usedMs = Math.max(0, Math.min(t.mono - session.startedMono, session.limitMs));
  effects.push({ type: 'record-end', session, reason, endedAt: t.now, usedMs });
  effects.push({ type: 'hide-view', sessionId: session.id });
  return { phase: 'ending', session, reason, endedAt: t.now };
}

export function inSession(state: State): state is Extract<State, { phase: 'active' | 'warning' }> {
  return state.phase === 'active' || state.phase === 'warning';
}

/**
 * The next instant (wall clock) at which time alone changes the state, so a
 * scheduler can wake the machine exactly then.
 */
export function nextDeadline(state: State, t: Now, policy: MachinePolicy): number | undefined {
  if (state.phase === 'feedback') return Math.ceil(t.now + (state.untilMono - t.mono));
  if (!inSession(state)) return undefined;
  const s = state.session;
  const left = remainingMs(s, t);
  const candidates = [t.now + left];
  for (const m of policy.warningMinutes) {
    if (!s.warningsPassed.includes(m) && left > m * MINUTE) candidates.push(t.now + left - m * MINUTE);
  }
  if (!s.mediaInUse) {
    const idleAt = s.idlePromptUntilMono ?? s.lastActivityMono + policy.idleTimeoutMs;
    candidates.push(t.now + (idleAt - t.mono));
  }
  return Math.ceil(Math.min(...candidates));
}
