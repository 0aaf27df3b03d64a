import { z } from 'zod';
import { SelfBookingReply, SelfBookingRequest } from './self-booking-contract';
import { printMethods, PrintView } from './print-contract';
import { RemoteKioskEvent, RemoteSnapshot, remoteKioskMethods } from './remote-contract';


/**
 * The one typed API between the UIs and the core: every call and every
 * event, with its runtime schema. The core serves it through one choke point
 * (main/api/router.ts) over Electron IPC on a room PC, or over a WebSocket in
 * the browser preview and tests. The renderer imports only types from here.
 */
export { PROTOCOL_VERSION, IPC_CALL, IPC_EVENT } from './protocol';
export type { ConfirmRefusal, PrintFailure, PrintRefusal, PrintView } from './print-contract';
export type { BookablePc, FreeTimeView, SelfBookingRefusal, SelfBookingReply, SelfBookingRequest } from './self-booking-contract';

/** The kiosk's languages: fi-x-selko is plain-language Finnish (selkosuomi); en-XA and ar-XB are test locales. */
export const LOCALES = ['fi', 'sv', 'en', 'se', 'uk', 'ru', 'ar', 'so', 'fi-x-selko', 'en-XA', 'ar-XB'] as const;
/** The languages people read, in the picker's default order. */
export const RESIDENT_LOCALES = ['fi', 'fi-x-selko', 'sv', 'en', 'se', 'uk', 'ru', 'ar', 'so'] as const satisfies readonly (typeof LOCALES)[number][];
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

const Millis = z.number().int().nonnegative();
const Empty = z.strictObject({});
const Ok = z.strictObject({ ok: z.literal(true) });
/** Why pairing failed, in a word the maintenance screen translates: the system's (ECONNREFUSED, ETIMEDOUT, …) or the hub's (wrong-code, …). */
const HubErrorCode = z.string().max(60).optional();

export const Phase = z.enum(['welcome', 'active', 'warning', 'ending', 'wiping', 'feedback', 'out-of-service']);
export const SessionKind = z.enum(['booked', 'walk-in']);
export const EndReason = z.enum(['time-up', 'resident', 'idle', 'advisor', 'interrupted']);
export const FeedbackScore = z.enum(['good', 'ok', 'bad']);
export type FeedbackScore = z.infer<typeof FeedbackScore>;
export type Phase = z.infer<typeof Phase>;
export type EndReason = z.infer<typeof EndReason>;

/** Times only: never a name, never a code. */
export const SlotView = z.strictObject({ startsAt: Millis, endsAt: Millis });

export const TileView = z.strictObject({
  id: z.string(),
  host: z.string(),
  label: z.partialRecord(Locale, z.string()),
  description: z.partialRecord(Locale, z.string()).optional(),
});

export const WipeStepView = z.strictObject({ step: z.string(), ok: z.boolean() });

/** Something to tell the resident about the web view (in their language); a host at most, never an address. */
export const NoticeView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('blocked-address'), host: z.string().optional(), seq: z.number().int() }),
  z.strictObject({ kind: z.literal('external-app'), scheme: z.string(), seq: z.number().int() }),
  z.strictObject({ kind: z.literal('download-saved'), name: z.string(), seq: z.number().int() }),
  z.strictObject({ kind: z.literal('download-refused'), name: z.string(), seq: z.number().int() }),
  z.strictObject({ kind: z.literal('permission-denied'), what: z.enum(['camera-microphone', 'other']), seq: z.number().int() }),
  z.strictObject({ kind: z.literal('page-crashed'), seq: z.number().int() }),
  z.strictObject({ kind: z.literal('view-unavailable'), seq: z.number().int() }),
]);
export type NoticeView = z.infer<typeof NoticeView>;

const ViewAreaInput = z.strictObject({
  x: z.number().min(0).max(20_000),
  y: z.number().min(0).max(20_000),
  width: z.number().min(0).max(20_000),
  height: z.number().min(0).max(20_000),
});

/** A queue number: anonymous. */
const QueueNumber = z.string().regex(/^[A-Z]-\d{1,4}$/);

export const QueueSnapshot = z.strictObject({
  /** Offer "Take a number": no PC of the site is free now, the site is open, and the hub is reachable. */
  offered: z.boolean(),
  /** Numbers waiting now. */
  waiting: z.number().int().nonnegative(),
  /** Numbers called to other PCs (the banner every kiosk shows). */
  calls: z.array(z.strictObject({ number: QueueNumber, pcName: z.string(), until: Millis })),
  /** A number called to this PC: "this computer is yours", until then. */
  here: z.strictObject({ number: QueueNumber, until: Millis }).optional(),
});

export const KioskSnapshot = z.strictObject({
  /** Increases with every snapshot the core sends. */
  rev: z.number().int(),
  /** The core's wall clock when the snapshot was made. */
  now: Millis,
  pc: z.strictObject({ id: z.string(), name: z.string() }),
  room: z.strictObject({ name: z.string() }),
  timeZone: z.string(),
  locales: z.strictObject({ default: Locale, available: z.array(Locale) }),
  phase: Phase,
  schedule: z.strictObject({
    /** The booking whose code works now, if any. */
    current: SlotView.optional(),
    /** The next booking after that. */
    next: SlotView.optional(),
  }),
  walkIn: z.strictObject({
    allowed: z.boolean(),
    /** When allowed: when a walk-in started now would end. */
    until: Millis.optional(),
  }),
  checkIn: z.strictObject({
    /** Codes are refused until then after too many wrong ones. */
    lockedUntil: Millis.optional(),
    /** The lengths of code to ask for now (the bookings in their check-in windows, or the next ones), ascending; absent: six digits. */
    codeLengths: z.array(z.union([z.literal(4), z.literal(6)])).min(1).max(2).optional(),
  }),
  session: z
    .strictObject({
      kind: SessionKind,
      startedAt: Millis,
      endsAt: Millis,
      /** Time left when the snapshot was made (already the lesser of wall and monotonic time). */
      remainingMs: z.number().int(),
      warning: z.strictObject({ minutesLeft: z.number().int(), seq: z.number().int() }).optional(),
      /** While "Are you still there?" is shown: how long until the session ends. */
      idlePromptMs: z.number().int().optional(),
      canExtend: z.boolean(),
      extendMinutes: z.number().int(),
      language: Locale,
      view: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('home') }),
        z.strictObject({ kind: z.literal('tile'), tileId: z.string() }),
      ]),
      zoomPercent: z.number().int(),
      nav: z.strictObject({ canGoBack: z.boolean(), canGoForward: z.boolean() }),
      notice: NoticeView.optional(),
      /** A page asked for a file: the files saved in this session, to choose from. */
      fileChooser: z
        .strictObject({ multiple: z.boolean(), files: z.array(z.strictObject({ name: z.string(), bytes: z.number().int().nonnegative() })) })
        .optional(),
    })
    .optional(),
  ended: z.strictObject({ reason: EndReason }).optional(),
  wipe: z.strictObject({ total: z.number().int(), steps: z.array(WipeStepView) }).optional(),
  feedback: z.strictObject({ remainingMs: z.number().int() }).optional(),
  /** reason: an advisor's words (maintenance), shown as they are under a translated heading. */
  outOfService: z.strictObject({ since: Millis, reason: z.string().max(120).optional() }).optional(),
  /** "Ask for help": absent when the PC has no hub to reach an advisor through. */
  help: z
    .strictObject({
      state: z.enum(['idle', 'sending', 'sent', 'acknowledged', 'resolved', 'off-duty']),
      /** The hub cannot be reached now (a call waits and is retried). */
      hubOnline: z.boolean(),
      phone: z.string().optional(),
      /** Today's on-duty hours, and when the advisor is next on duty. */
      hours: z.array(SlotView),
      nextOnDuty: Millis.optional(),
    })
    .optional(),
  /** The maintenance screen for IT (after the admin PIN). */
  maintenance: z
    .strictObject({
      unlocked: z.boolean(),
      pinSet: z.boolean(),
      hub: z.strictObject({
        mode: z.enum(['none', 'embedded', 'paired']),
        state: z.enum(['none', 'connecting', 'online', 'offline', 'certificate', 'revoked', 'version']),
        address: z.string().optional(),
        siteName: z.string().optional(),
        caFingerprint: z.string().optional(),
        detail: z.string().optional(),
      }),
    })
    .optional(),
  tiles: z.array(TileView),
  zoom: z.strictObject({ min: z.number().int(), max: z.number().int(), step: z.number().int() }),
  /** How many days this site keeps raw usage events (for the privacy notice). */
  usageRetentionDays: z.number().int(),
  /**
   * The site's opening hours now: open (until closesAt; absent: not closing
   * soon) or closed (until opensAt; absent: no opening within weeks). While
   * closed the PC starts nothing; `phone` is the policy's number to call.
   */
  opening: z.strictObject({ open: z.boolean(), closesAt: Millis.optional(), opensAt: Millis.optional(), phone: z.string().optional() }),
  /** "Take a number" (the hub's queue): absent on a PC without a hub. */
  queue: QueueSnapshot.optional(),
  /** "Book a time": absent when the site does not offer it (no hub, or the policy says no); online false while the hub cannot be reached. */
  selfBooking: z.strictObject({ online: z.boolean() }).optional(),
  /** Printing and the PDF viewer (preload/print-contract.ts): absent when the site has no printer or no session runs. */
  print: PrintView.optional(),
  /** "Get help on the screen" (issue 16): absent on a PC without a hub or where the site does not offer it. */
  remote: RemoteSnapshot.optional(),
});
export type KioskSnapshot = z.infer<typeof KioskSnapshot>;

export const CheckInResult = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('ok') }),
  z.strictObject({ result: z.literal('wrong-code'), attemptsLeft: z.number().int() }),
  z.strictObject({ result: z.literal('throttled'), until: Millis }),
  z.strictObject({ result: z.literal('not-yet'), startsAt: Millis, validFrom: Millis }),
  z.strictObject({ result: z.literal('busy') }),
  z.strictObject({ result: z.literal('closed'), opensAt: Millis.optional() }),
]);
export type CheckInResult = z.infer<typeof CheckInResult>;

export const WalkInResult = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('ok') }),
  z.strictObject({ result: z.literal('not-allowed') }),
]);

export const ExtendResult = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('ok'), endsAt: Millis }),
  z.strictObject({ result: z.literal('refused'), reason: z.enum(['disabled', 'limit-reached', 'next-slot-taken', 'offline', 'no-session', 'closing']) }),
]);

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** Calls a kiosk UI makes to the core. */
export const kioskMethods = {
  'kiosk.getSnapshot': method(Empty, KioskSnapshot),
  'kiosk.checkIn': method(z.strictObject({ code: z.string().regex(/^(?:\d{4}|\d{6})$/, '4 or 6 digits'), locale: Locale }), CheckInResult),
  'kiosk.startWalkIn': method(z.strictObject({ locale: Locale }), WalkInResult),
  'kiosk.endSession': method(Empty, Ok),
  'kiosk.extendSession': method(Empty, ExtendResult),
  'kiosk.reportActivity': method(Empty, Ok),
  'kiosk.confirmPresence': method(Empty, Ok),
  'kiosk.setLanguage': method(z.strictObject({ locale: Locale }), Ok),
  'kiosk.zoom': method(z.strictObject({ change: z.enum(['in', 'out', 'reset']) }), z.strictObject({ percent: z.number().int() })),
  'kiosk.openTile': method(z.strictObject({ tileId: z.string().max(40) }), z.strictObject({ ok: z.boolean() })),
  'kiosk.goHome': method(Empty, Ok),
  /** Where the web view goes on screen (the UI's web area), or null to take it off. */
  'kiosk.setWebArea': method(z.strictObject({ area: ViewAreaInput.nullable() }), Ok),
  'kiosk.navigate': method(z.strictObject({ action: z.enum(['back', 'forward', 'reload']) }), Ok),
  /** Answers a page's file request with files saved in this session; none cancels. */
  'kiosk.chooseFiles': method(z.strictObject({ names: z.array(z.string().min(1).max(255)).max(20) }), Ok),
  'kiosk.dismissNotice': method(Empty, Ok),
  'kiosk.requestHelp': method(Empty, z.strictObject({ result: z.enum(['sending', 'off-duty', 'unavailable']) })),
  'kiosk.cancelHelp': method(Empty, Ok),
  /** Closes the "resolved" or "off duty" message. */
  'kiosk.dismissHelp': method(Empty, Ok),
  'kiosk.maintenance.unlock': method(
    z.strictObject({ pin: z.string().regex(/^\d{4,12}$/) }),
    z.discriminatedUnion('result', [
      z.strictObject({ result: z.literal('ok') }),
      z.strictObject({ result: z.literal('wrong') }),
      z.strictObject({ result: z.literal('throttled'), until: Millis }),
      z.strictObject({ result: z.literal('no-pin') }),
    ]),
  ),
  'kiosk.maintenance.lock': method(Empty, Ok),
  /** Step 1 of pairing: the fingerprint of the CA the hub at this address offers. */
  'kiosk.maintenance.inspectHub': method(
    z.strictObject({ address: z.string().min(1).max(200) }),
    z.discriminatedUnion('result', [
      z.strictObject({ result: z.literal('ok'), address: z.string(), fingerprint: z.string() }),
      z.strictObject({ result: z.literal('error'), reason: z.enum(['locked', 'unreachable', 'not-a-hub', 'certificate', 'refused']), message: z.string(), code: HubErrorCode }),
    ]),
  ),
  /** Step 2: IT compared the fingerprint; pin it and pair with the code from the console. */
  'kiosk.maintenance.pair': method(
    z.strictObject({ address: z.string().min(1).max(200), fingerprint: z.string().max(200), code: z.string().regex(/^\d{8}$/) }),
    z.discriminatedUnion('result', [
      z.strictObject({ result: z.literal('ok'), siteName: z.string() }),
      z.strictObject({
        result: z.literal('error'),
        reason: z.enum(['locked', 'unreachable', 'not-a-hub', 'certificate', 'refused', 'fingerprint-changed']),
        message: z.string(),
        code: HubErrorCode,
      }),
    ]),
  ),
  'kiosk.submitFeedback': method(z.strictObject({ score: FeedbackScore }), Ok),
  /** "Take a number": the hub gives the next one and the waiting numbers before it, or says why not. */
  'kiosk.queue.take': method(
    Empty,
    z.discriminatedUnion('result', [
      z.strictObject({ result: z.literal('ok'), number: QueueNumber, ahead: z.number().int().nonnegative() }),
      z.strictObject({ result: z.literal('refused'), reason: z.enum(['disabled', 'closed', 'pc-free', 'limit']) }),
      z.strictObject({ result: z.literal('unavailable') }),
    ]),
  ),
  /** "Start" on the number called to this PC: a session like a walk-in. */
  'kiosk.queue.start': method(z.strictObject({ locale: Locale }), z.strictObject({ result: z.enum(['ok', 'not-called']) })),
  'kiosk.skipFeedback': method(Empty, Ok),
  /** A resident's self-booking step, relayed to the hub ("unavailable" while it cannot be reached). */
  'kiosk.selfBooking': method(SelfBookingRequest, SelfBookingReply),
  ...printMethods,
  ...remoteKioskMethods,
} as const;

/** Events the core pushes to a kiosk UI. */
export const kioskEvents = {
  'kiosk.snapshot': KioskSnapshot,
  /** A remote help call's signalling, pointer and chat from the advisor (preload/remote-contract.ts). */
  'kiosk.remote': RemoteKioskEvent,
} as const;

export type MethodDefs = Record<string, { input: z.ZodType; output: z.ZodType }>;
export type KioskMethods = typeof kioskMethods;
export type KioskMethod = keyof KioskMethods;
export type Params<M extends MethodDefs, K extends keyof M> = z.input<M[K]['input']>;
export type Result<M extends MethodDefs, K extends keyof M> = z.output<M[K]['output']>;
export type KioskEvent = keyof typeof kioskEvents;
export type EventPayload<K extends KioskEvent> = z.output<(typeof kioskEvents)[K]>;

/** Envelopes on the wire (both transports). */
export const CallEnvelope = z.strictObject({
  v: z.number().int(),
  id: z.union([z.string().max(64), z.number().int()]),
  method: z.string().max(64),
  params: z.unknown().optional(),
});
export type CallEnvelope = z.infer<typeof CallEnvelope>;

export const ErrorCode = z.enum(['version-mismatch', 'bad-envelope', 'unknown-method', 'invalid-params', 'forbidden', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export type ReplyEnvelope =
  | { v: number; id: string | number | null; ok: true; result: unknown }
  | { v: number; id: string | number | null; ok: false; error: { code: ErrorCode; message: string } };

export interface EventEnvelope {
  v: number;
  event: string;
  payload: unknown;
}

/** The shape the preload exposes as `window.tupa` and the WebSocket client mirrors. */
export interface TupaBridge {
  protocol: number;
  call(method: string, params: unknown): Promise<ReplyEnvelope>;
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
}
