import { z } from 'zod';
import { sitePolicySchema } from '../main/config/policy';
import { UsageEventSchema } from '../main/core/usage';
import { ALERT_CAUSES, ALERT_KINDS, ALERT_STATES } from '../main/core/pc-alert';
import { SelfBookingAnswer, SelfBookingRequest } from './self-booking-contract';
import { CHECK_IN_REASONS, CheckInCommand, SourcesEvent, sourcesRoutes } from './sources-contract';
import { Commanded, Empty, Id, IsoTime, Millis, Ok, PcId, route } from './hub-base';
import { PolicyVersionEvent, policyEditorRoutes } from './policy-editor-contract';
import { UpdateReport, UpdatesEvent, updateRoutes } from './updates-contract';
import { FleetCommands, FleetHubMessages, FleetKioskMessages, PcHealthView, fleetRoutes } from './fleet-contract';
import { RemoteFromPc, RemoteToAdvisor, RemoteToPc, remoteRoutes } from './remote-contract';
import { PRINT_COMMAND_REASONS, PrintCommands, PrintHubStatus, printRoutes } from './print-contract';

export { BookablePc, FreeTimeView, SelfBookingAnswer, SelfBookingRefusal, SelfBookingRequest } from './self-booking-contract';

/**
 * The site hub's protocol: what room PCs and advisor consoles exchange with
 * the hub. Every HTTP body, every response and every WebSocket message is
 * checked against these schemas on both ends. A PC and a hub of different
 * releases agree on HUB_PROTOCOL_VERSION or refuse each other clearly.
 *
 * 2: "command-done" carries a reason code (and the minutes added) instead of
 *    English only; a hub of version 1 would refuse such a message.
 * 3: PCs send their usage events ("usage"), the hub confirms them ("usage-stored").
 * 4: each PC has a code key of its own, given in "welcome" (its schedule is
 *    hashed with it), and a booking checked in again is "resumed".
 * 5: getting a PC (issue 11): kiosks ask the hub for free times and make
 *    self-bookings ("self-booking", with request ids), and take queue numbers
 *    ("queue-take", "queue-start"; "queue", "queue-taken", "queue-refused").
 * 6: booking sources ("check-in", imported bookings, "sources"); policy versions and the audit log; updates
 *    through the hub ("update"); PC health, logs and maintenance commands (issue 15); "pages-printed" usage
 *    events (issue 14); help from afar, "remote" both ways and help calls marked remote (issue 16).
 * 7: the PC's status carries its printer's state and a job waiting for release ("print"); "print-release"/"print-cancel" commands.
 */
export const HUB_PROTOCOL_VERSION = 7;

export { PcId } from './hub-base';

export const SitePolicy = sitePolicySchema;
export type SitePolicy = z.output<typeof SitePolicy>;

// ---- room PC ↔ hub (WebSocket at /kiosk, device token in the Authorization header) ----

/** 32 bytes in base64: a keyed hash, or a key. */
const Base64Of32 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

/** A booking as a PC needs it: times and the code's hash under the PC's own key, never the code. */
export const ScheduleEntry = z.strictObject({
  id: Id,
  startsAt: Millis,
  endsAt: Millis,
  codeHash: Base64Of32,
  /** How many digits the code has (4 from Respa/Varaamo, leading zeros kept); absent: 6, as older hubs send. */
  codeLength: z.union([z.literal(4), z.literal(6)]).optional(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const HelpState = z.enum(['requested', 'acknowledged', 'resolved', 'cancelled']);
export type HelpState = z.infer<typeof HelpState>;

export const KioskPhase = z.enum(['welcome', 'active', 'warning', 'ending', 'wiping', 'feedback', 'out-of-service']);

export const KioskStatus = z.strictObject({
  phase: KioskPhase,
  session: z.strictObject({ kind: z.enum(['booked', 'walk-in']), startedAt: Millis, endsAt: Millis }).optional(),
  lastWipe: z.strictObject({ at: Millis, ok: z.boolean(), problem: z.string().max(300).optional() }).optional(),
  /** planned: an advisor put the PC out of service (no alert); reason is then theirs, shown on the PC. */
  outOfService: z.strictObject({ reason: z.string().max(300), planned: z.literal(true).optional() }).optional(),
  /** Something the PC had to decide on its own while it was offline (shown to the advisor). */
  conflict: z.string().max(300).optional(),
  /** Its printer's state and a job waiting for release (issue 14; preload/print-contract.ts). */
  print: PrintHubStatus.optional(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

/**
 * Why a command turned out as it did, as the PC reports it (closed: the
 * console has a text for each).
 *
 * - no-session: extend or end with nobody's session running.
 * - wiping: the PC is ending and clearing the previous session just now.
 * - out-of-service: extend or end on a PC out of service (a reset is what helps).
 * - next-booking: extend refused, the next booking (and its gap) leaves no time.
 * - shortened: extended, but by less than asked, to keep the gap before the next booking.
 * - nothing-to-reset: reset of a PC already cleared and on its welcome screen.
 * - recovered: reset of a PC out of service: cleared, back in service.
 * - wipe-failed: reset of a PC out of service: clearing still fails, it stays out of service.
 * - error: the PC failed unexpectedly while carrying the command out.
 */
export const CommandReason = z.enum([
  'no-session',
  'wiping',
  'out-of-service',
  'next-booking',
  'shortened',
  'nothing-to-reset',
  'recovered',
  'wipe-failed',
  'error',
  ...CHECK_IN_REASONS,
  ...PRINT_COMMAND_REASONS,
]);
export type CommandReason = z.infer<typeof CommandReason>;

/** The most usage events one message carries; a PC with more sends them batch after batch. */
export const USAGE_BATCH = 500;

/** One of a PC's usage events: its place in the PC's log, its id (one fact, one id) and when it happened. */
export const UsageUpload = z.strictObject({ seq: z.int().min(1), id: z.string().min(1).max(100), at: Millis, event: UsageEventSchema });
export type UsageUpload = z.infer<typeof UsageUpload>;

// ---- self-booking at any kiosk (issue 11): preload/self-booking-contract.ts, shared with the kiosk UI's contract ----

export const KioskToHub = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), protocol: z.number().int(), pcId: PcId, clock: Millis, release: z.string().max(40) }),
  z.strictObject({ type: z.literal('status'), status: KioskStatus, clock: Millis }),
  z.strictObject({ type: z.literal('heartbeat'), clock: Millis }),
  /** A help call: sent again until the hub confirms it, so one id is one call however often it arrives. */
  z.strictObject({ type: z.literal('help'), callId: z.uuid(), action: z.enum(['request', 'cancel']), at: Millis }),
  /**
   * The PC's answer to an advisor's command: done or not, why (a code the
   * console translates), the minutes really added by an extension, and
   * free text for the audit log only.
   */
  z.strictObject({
    type: z.literal('command-done'),
    commandId: Id,
    ok: z.boolean(),
    reason: CommandReason.optional(),
    minutes: z.int().min(1).max(24 * 60).optional(),
    detail: z.string().max(200).optional(),
  }),
  /** Usage events in the order of the PC's log; sent again until the hub confirms them, stored once however often they arrive. */
  z.strictObject({ type: z.literal('usage'), events: z.array(UsageUpload).min(1).max(USAGE_BATCH) }),
  /** A resident takes a number at this kiosk; sent again under the same id, it is the same number. */
  z.strictObject({ type: z.literal('queue-take'), requestId: z.uuid() }),
  /** The resident whose number was called to this PC pressed Start. */
  z.strictObject({ type: z.literal('queue-start'), requestId: z.uuid() }),
  /** A resident's self-booking step at this kiosk (main/hub/self-booking.ts answers it under the same id). */
  z.strictObject({ type: z.literal('self-booking'), requestId: z.uuid(), request: SelfBookingRequest }),
  UpdateReport,
  ...FleetKioskMessages,
  /** Help from afar: the PC's side of a remote call (preload/remote-contract.ts). */
  z.strictObject({ type: z.literal('remote'), callId: z.uuid(), message: RemoteFromPc }),
]);
export type KioskToHub = z.infer<typeof KioskToHub>;

/** A queue number as residents see it: the policy's letter and the day's count. */
export const QueueNumberLabel = z.string().regex(/^[A-Z]-\d{1,4}$/);
/** A number called to a PC: anonymous, for every kiosk, the console and the lobby board. */
export const QueueCallView = z.strictObject({ number: QueueNumberLabel, pcId: PcId, pcName: z.string(), until: Millis });
export type QueueCallView = z.infer<typeof QueueCallView>;
/**
 * Why a kiosk got no number: off in the policy, the site closed, a PC free
 * now (take it), or this kiosk's numbers already wait up to the limit.
 */
export const QueueTakeRefusal = z.enum(['disabled', 'closed', 'pc-free', 'limit']);
export type QueueTakeRefusal = z.infer<typeof QueueTakeRefusal>;

export const KioskCommand = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('extend'), minutes: z.int().min(5).max(120) }),
  z.strictObject({ kind: z.literal('end') }),
  /** Wipe and back to the welcome screen now. */
  z.strictObject({ kind: z.literal('reset') }),
  CheckInCommand,
  ...FleetCommands,
  ...PrintCommands,
]);
export type KioskCommand = z.infer<typeof KioskCommand>;

export const HubToKiosk = z.discriminatedUnion('type', [
  /** codeKey: this PC's own key for booking codes (base64), derived at the hub; it replaces whatever key the PC had. */
  z.strictObject({ type: z.literal('welcome'), protocol: z.number().int(), serverTime: Millis, pcId: PcId, pcName: z.string(), roomName: z.string(), codeKey: Base64Of32 }),
  z.strictObject({ type: z.literal('refused'), reason: z.enum(['version', 'revoked', 'unknown-pc', 'bad-message']), message: z.string() }),
  /** The PC's whole schedule: replaces what it had (the hub wins). */
  z.strictObject({ type: z.literal('schedule'), bookings: z.array(ScheduleEntry) }),
  z.strictObject({ type: z.literal('policy'), policy: SitePolicy, timeZone: z.string() }),
  z.strictObject({ type: z.literal('help'), callId: z.uuid(), state: HelpState, at: Millis }),
  z.strictObject({ type: z.literal('command'), commandId: Id, command: KioskCommand }),
  /** The hub holds every usage event of this PC up to this seq. */
  z.strictObject({ type: z.literal('usage-stored'), throughSeq: z.int().min(0) }),
  /** The queue as every kiosk shows it (sent on connect and whenever it changes). */
  z.strictObject({
    type: z.literal('queue'),
    /** Whether a kiosk may offer "Take a number" now: on in the policy, the site open, and no PC free. */
    offered: z.boolean(),
    waiting: z.int().min(0),
    calls: z.array(QueueCallView),
  }),
  z.strictObject({ type: z.literal('queue-taken'), requestId: z.uuid(), number: QueueNumberLabel, ahead: z.int().min(0) }),
  z.strictObject({ type: z.literal('queue-refused'), requestId: z.uuid(), reason: QueueTakeRefusal }),
  /** The hub's answer to a kiosk's self-booking request (the code goes only to the kiosk that asked). */
  z.strictObject({ type: z.literal('self-booking'), requestId: z.uuid(), answer: SelfBookingAnswer }),
  ...FleetHubMessages,
  /** Help from afar: the hub's and the accepting advisor's side of a remote call. */
  z.strictObject({ type: z.literal('remote'), callId: z.uuid(), message: RemoteToPc }),
]);
export type HubToKiosk = z.infer<typeof HubToKiosk>;

// ---- pairing (HTTPS, before the PC has a token) ----

export const PairRequest = z.strictObject({
  code: z.string().regex(/^\d{8}$/),
  pcId: PcId,
  name: z.string().min(1).max(40),
  room: z.string().min(1).max(60),
  protocol: z.number().int(),
});
export const PairResponse = z.strictObject({
  deviceToken: z.string().min(32),
  pcId: PcId,
  /** This PC's own code key (base64, derived from the site's): the PC hashes typed codes with it to match its schedule. */
  codeKey: Base64Of32,
  siteName: z.string(),
});

// ---- advisor console (HTTPS JSON under /api, WebSocket push at /api/events) ----

export const PcView = z.strictObject({
  id: PcId,
  name: z.string(),
  room: z.string(),
  paired: z.boolean(),
  revoked: z.boolean(),
  online: z.boolean(),
  lastSeen: Millis.optional(),
  status: KioskStatus.optional(),
  clockSkewMs: z.number().int().optional(),
  health: PcHealthView.optional(),
});
export type PcView = z.infer<typeof PcView>;

export const HelpCallView = z.strictObject({
  id: z.uuid(),
  pcId: PcId,
  state: HelpState,
  requestedAt: Millis,
  acknowledgedAt: Millis.optional(),
  resolvedAt: Millis.optional(),
  advisor: z.string().optional(),
  /** Cancelled by the resident unanswered within seconds (main/core/help-calls.ts): not counted as a help call. */
  cancelledQuickly: z.literal(true).optional(),
  /** "Get help on the screen" (issue 16): the resident asks to show their page to an advisor anywhere. */
  remote: z.literal(true).optional(),
});
export type HelpCallView = z.infer<typeof HelpCallView>;

/** A PC that took itself out of service (a failed wipe or probe): an alert the advisor acknowledges like a help call. */
export const PcAlertView = z.strictObject({
  id: z.uuid(),
  pcId: PcId,
  /** out-of-service: the PC took itself out of service; printer: the printer it prints to needs someone (issue 14). */
  kind: z.enum(ALERT_KINDS),
  /** Why, as a code the console puts in plain words (main/core/pc-alert.ts, main/core/printer-state.ts). */
  cause: z.enum(ALERT_CAUSES),
  /** A printer alert: the printer's label (host and path). */
  printer: z.string().max(200).optional(),
  state: z.enum(ALERT_STATES),
  raisedAt: Millis,
  acknowledgedAt: Millis.optional(),
  clearedAt: Millis.optional(),
  advisor: z.string().optional(),
  /** The PC's own words (a wipe step and its error), for IT. */
  detail: z.string().max(300),
});
export type PcAlertView = z.infer<typeof PcAlertView>;

/** Where a booking came from: staff (the advisor's console, the command line) or a resident at a kiosk ("self"). */
export const BookingSource = z.enum(['staff', 'self', 'import']);
export type BookingSource = z.infer<typeof BookingSource>;

/** An imported booking (source "import") names its source (id and kind) and says when it has no code (the advisor checks its resident in). */
export const BookingView = z.strictObject({
  id: Id,
  pcId: PcId,
  startsAt: Millis,
  endsAt: Millis,
  source: BookingSource.optional(),
  from: z.strictObject({ sourceId: Id, kind: z.enum(['respa', 'ics']) }).optional(),
  noCode: z.literal(true).optional(),
});
export type BookingView = z.infer<typeof BookingView>;

/** The queue for the console: the numbers waiting, and those called with their PC and hold time. */
export const QueueView = z.strictObject({
  waiting: z.array(z.strictObject({ id: Id, number: QueueNumberLabel, takenAt: Millis })),
  called: z.array(z.strictObject({ id: Id, number: QueueNumberLabel, pcId: PcId, until: Millis })),
  /** PCs a number may be called to now. */
  freePcs: z.array(PcId),
});
export type QueueView = z.infer<typeof QueueView>;

export const TodayCounts = z.strictObject({
  sessions: z.int().nonnegative(),
  walkIns: z.int().nonnegative(),
  booked: z.int().nonnegative(),
  helpCalls: z.int().nonnegative(),
});

export const Board = z.strictObject({
  site: z.strictObject({
    name: z.string(),
    timeZone: z.string(),
    caFingerprint: z.string(),
    /** The policy's help.alertRepeatSeconds: how often the console repeats an unanswered alert (0: once). */
    alertRepeatSeconds: z.int().min(0).max(600),
  }),
  /** Who is signed in; admin: an administrator (site policy, pairing, updates, logs), else an advisor. */
  advisor: z.strictObject({ name: z.string(), admin: z.boolean() }),
  pcs: z.array(PcView),
  help: z.array(HelpCallView),
  /** PCs out of service: the open alerts and today's cleared ones. */
  alerts: z.array(PcAlertView),
  bookings: z.array(BookingView),
  counts: TodayCounts,
  serverTime: Millis,
  queue: QueueView.optional(),
});
export type Board = z.infer<typeof Board>;

/** done / failed: the PC's answer; no-answer: the hub heard nothing back in time, or the PC went away first. */
export const CommandOutcome = z.enum(['done', 'failed', 'no-answer']);
export type CommandOutcome = z.infer<typeof CommandOutcome>;

/** How an advisor's command turned out, for the console that sent it (by the id its route answered). */
export const CommandEvent = z.strictObject({
  type: z.literal('command'),
  commandId: Id,
  pcId: PcId,
  outcome: CommandOutcome,
  reason: CommandReason.optional(),
  /** An extension: the minutes really added. */
  minutes: z.int().min(1).max(24 * 60).optional(),
});
export type CommandEvent = z.infer<typeof CommandEvent>;

export const AdvisorEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('board'), board: Board }),
  z.strictObject({ type: z.literal('pc'), pc: PcView }),
  z.strictObject({ type: z.literal('help'), call: HelpCallView }),
  z.strictObject({ type: z.literal('alert'), alert: PcAlertView }),
  z.strictObject({ type: z.literal('bookings'), bookings: z.array(BookingView) }),
  CommandEvent,
  z.strictObject({ type: z.literal('queue'), queue: QueueView }),
  SourcesEvent,
  PolicyVersionEvent,
  UpdatesEvent,
  /** A remote call's signalling, to the one console that accepted it. */
  z.strictObject({ type: z.literal('remote'), callId: z.uuid(), message: RemoteToAdvisor }),
]);
export type AdvisorEvent = z.infer<typeof AdvisorEvent>;

export { FigureSet, Figures } from './figures-contract';
import { Figures } from './figures-contract';

/** Every advisor route: its method, path, body schema and response schema. */
export const advisorRoutes = {
  signIn: route('POST', '/api/session', z.strictObject({ name: z.string().min(1).max(60), password: z.string().min(1).max(200) }), z.strictObject({ name: z.string(), admin: z.boolean() })),
  signOut: route('DELETE', '/api/session', Empty, Ok),
  board: route('GET', '/api/board', Empty, Board),
  acknowledge: route('POST', '/api/help/:id/acknowledge', Empty, HelpCallView),
  resolve: route('POST', '/api/help/:id/resolve', Empty, HelpCallView),
  acknowledgeAlert: route('POST', '/api/alerts/:id/acknowledge', Empty, PcAlertView),
  createBooking: route(
    'POST',
    '/api/bookings',
    z.strictObject({ pcId: PcId, start: IsoTime, end: IsoTime }),
    z.strictObject({ booking: BookingView, code: z.string().regex(/^\d{6}$/) }),
  ),
  moveBooking: route('PUT', '/api/bookings/:id', z.strictObject({ start: IsoTime, end: IsoTime, pcId: PcId.optional() }), BookingView),
  cancelBooking: route('DELETE', '/api/bookings/:id', Empty, Ok),
  extend: route('POST', '/api/pcs/:id/extend', z.strictObject({ minutes: z.int().min(5).max(120) }), Commanded),
  end: route('POST', '/api/pcs/:id/end', Empty, Commanded),
  reset: route('POST', '/api/pcs/:id/reset', Empty, Commanded),
  revoke: route('POST', '/api/pcs/:id/revoke', Empty, Ok),
  pairingCode: route('POST', '/api/pairing-codes', Empty, z.strictObject({ code: z.string().regex(/^\d{8}$/), expiresAt: Millis, caFingerprint: z.string() })),
  policy: route('GET', '/api/policy', Empty, SitePolicy),
  figures: route('GET', '/api/figures/:id', Empty, Figures),
  setPolicy: route('PUT', '/api/policy', SitePolicy, SitePolicy),
  /** Calls a number (the first waiting, or the one given) to a free PC. */
  queueCall: route('POST', '/api/queue/call', z.strictObject({ pcId: PcId, id: Id.optional() }), QueueView),
  queueSkip: route('POST', '/api/queue/:id/skip', Empty, QueueView),
  queueClear: route('POST', '/api/queue/clear', Empty, QueueView),
  ...sourcesRoutes,
  ...policyEditorRoutes,
  ...updateRoutes,
  ...fleetRoutes,
  ...remoteRoutes,
  ...printRoutes,
} as const;

export type AdvisorRoutes = typeof advisorRoutes;
export type RouteBody<K extends keyof AdvisorRoutes> = z.input<AdvisorRoutes[K]['body']>;
export type RouteResponse<K extends keyof AdvisorRoutes> = z.output<AdvisorRoutes[K]['response']>;

/** A refused request's body (every 4xx and 5xx). */
export const ApiError = z.strictObject({ error: z.string(), message: z.string(), field: z.string().optional() });
export type ApiError = z.infer<typeof ApiError>;
