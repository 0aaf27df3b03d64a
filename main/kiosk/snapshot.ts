import { MINUTE } from '../core/clock';
import { bookingAfter, currentBooking, type Slot } from '../core/bookings';
import { walkInWindow } from '../core/walk-in';
import type { ThrottleStatus } from '../core/throttle';
import type { CodeLength } from '../core/code-lengths';
import { WIPE_PLAN, type WipeStepResult } from '../core/wipe-plan';
import { inSession, remainingMs, type EndReason, type Now, type State } from '../core/session-machine';
import type { KioskConfig } from '../config/schema';
import { kioskLanguages } from '../config/policy-languages';
import type { KioskSnapshot, Locale, NoticeView } from '../../preload/contract';
import type { SessionFile } from '../core/shell';

export type ViewState = { kind: 'home' } | { kind: 'tile'; tileId: string };
export type HelpView = NonNullable<KioskSnapshot['help']>;
export type MaintenanceView = NonNullable<KioskSnapshot['maintenance']>;

export interface SnapshotInput {
  rev: number;
  state: State;
  time: Now;
  config: KioskConfig;
  /** The bookings that hold the PC now (Schedule.holding: no-shows and bookings ended early let go). */
  bookings: readonly Slot[];
  throttle: ThrottleStatus;
  /** The lengths of code to ask for now (core/code-lengths.ts); absent or [6]: six digits, as before. */
  codeLengths?: readonly CodeLength[] | undefined;
  view: ViewState;
  zoomPercent: number;
  zoom: { min: number; max: number; step: number };
  nav: { canGoBack: boolean; canGoForward: boolean };
  notice: NoticeView | undefined;
  fileChooser: { multiple: boolean; files: SessionFile[] } | undefined;
  help: HelpView | undefined;
  maintenance: MaintenanceView | undefined;
  canExtend: boolean;
  endReason: EndReason | undefined;
  wipeSteps: readonly WipeStepResult[];
  outOfServiceSince: number | undefined;
  /** The site's opening hours now (opening.ts): while closed, no walk-in; open, walk-ins end by closing. */
  opening: KioskSnapshot['opening'];
  /** "Book a time" offered (main/kiosk/self-booking.ts), and whether the hub can be reached now. */
  selfBooking?: { online: boolean } | undefined;
}

const slot = (b: Slot | undefined) => (b ? { startsAt: b.startsAt, endsAt: b.endsAt } : undefined);

/** What the kiosk UI needs to draw the current screen: times, never names or codes. */
export function buildSnapshot(input: SnapshotInput): KioskSnapshot {
  const { state, time, config } = input;
  const { now } = time;
  const current = currentBooking(input.bookings, now, config.checkIn);
  const next = bookingAfter(input.bookings, current, now, config.checkIn);
  const { opening } = input;
  const walkIn =
    state.phase === 'welcome' && opening.open ? walkInWindow(input.bookings, now, config.walkIn, config.checkIn, opening.closesAt) : undefined;

  const snapshot: KioskSnapshot = {
    rev: input.rev,
    now,
    pc: { id: config.pc.id, name: config.pc.name },
    room: { name: config.room.name },
    timeZone: config.timeZone,
    locales: kioskLanguages(config.languages, config.locales),
    phase: state.phase,
    schedule: withoutUndefined({ current: slot(current), next: slot(next) }),
    walkIn: walkIn?.allowed ? { allowed: true, until: Math.floor(walkIn.endsAt / MINUTE) * MINUTE } : { allowed: false },
    checkIn: {
      ...(input.throttle.locked ? { lockedUntil: input.throttle.until } : {}),
      ...(input.codeLengths && input.codeLengths.join() !== '6' ? { codeLengths: [...input.codeLengths] } : {}),
    },
    ...(input.help ? { help: input.help } : {}),
    ...(input.maintenance ? { maintenance: input.maintenance } : {}),
    tiles: config.tiles.map((t) => withoutUndefined({ id: t.id, host: new URL(t.url).host, label: t.label, description: t.description })),
    zoom: input.zoom,
    usageRetentionDays: config.usage.retentionDays,
    opening,
    ...(input.selfBooking ? { selfBooking: input.selfBooking } : {}),
  };

  if (inSession(state)) {
    const s = state.session;
    snapshot.session = withoutUndefined({
      kind: s.kind,
      startedAt: s.startedAt,
      endsAt: s.endsAt,
      remainingMs: Math.max(0, Math.round(remainingMs(s, time))),
      warning: s.warning,
      idlePromptMs: s.idlePromptUntilMono === undefined ? undefined : Math.max(0, Math.round(s.idlePromptUntilMono - time.mono)),
      canExtend: input.canExtend,
      extendMinutes: config.extension.minutes,
      language: s.language as Locale,
      view: input.view,
      zoomPercent: input.zoomPercent,
      nav: input.nav,
      notice: input.notice,
      fileChooser: input.fileChooser,
    });
  }
  if ((state.phase === 'ending' || state.phase === 'wiping' || state.phase === 'feedback') && input.endReason) {
    snapshot.ended = { reason: input.endReason };
  }
  if (state.phase === 'ending' || state.phase === 'wiping') {
    snapshot.wipe = { total: WIPE_PLAN.length, steps: input.wipeSteps.map((r) => ({ step: r.step, ok: r.ok })) };
  }
  if (state.phase === 'feedback') {
    snapshot.feedback = { remainingMs: Math.max(0, Math.round(state.untilMono - time.mono)) };
  }
  if (state.phase === 'out-of-service') {
    snapshot.outOfService = { since: input.outOfServiceSince ?? now };
  }
  return snapshot;
}

/** The parts of a snapshot that change what is drawn (the ticking times excluded). */
export function snapshotKey(s: KioskSnapshot): string {
  const { rev: _rev, now: _now, session, feedback: _feedback, ...rest } = s;
  const stable = session ? { ...session, remainingMs: undefined, idlePromptMs: session.idlePromptMs === undefined ? 'none' : 'shown' } : undefined;
  return JSON.stringify({ ...rest, session: stable });
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
