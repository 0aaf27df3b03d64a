import { z } from 'zod';
import { ATTENTION_REASONS } from '../main/core/pc-health';
import { Commanded, Empty, Id, Millis, PcId, route } from './hub-base';

/**
 * PC health, maintenance and logs (issue 15, "fleet"): what a PC reports of
 * itself, the commands an advisor or administrator sends it, and the log
 * lines an administrator fetches through the hub. preload/hub-contract.ts
 * adds these to its unions; the console's routes are spread into advisorRoutes.
 */

/** The reason an advisor types for putting a PC out of service: shown as-is on the PC. */
export const MAINTENANCE_REASON_MAX = 120;
export const MaintenanceReason = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(MAINTENANCE_REASON_MAX));

/** A reset of every PC: running sessions are warned this many minutes before they end and are wiped. */
export const RESET_WARN_MINUTES = { min: 1, max: 10, default: 2 } as const;

/** What a PC reports of its own health (when it connects, every minute, and when a restart starts waiting). */
export const PcHealthReport = z.strictObject({
  /** When this run of the app started (the PC's clock). */
  startedAt: Millis,
  uptimeMs: Millis,
  /** Free and total space of the file system that holds the PC's data folder; absent: it could not be read. */
  disk: z.strictObject({ freeBytes: Millis, totalBytes: Millis }).optional(),
  /** A restart the advisor asked for, waiting for the running session to end. */
  restartPending: z.literal(true).optional(),
});
export type PcHealthReport = z.infer<typeof PcHealthReport>;

/** A PC's health as the console shows it: what it reported, with the release it said hello with. */
export const PcHealthView = PcHealthReport.partial().extend({
  release: z.string().max(40).optional(),
  /** When the hub last heard the report (the hub's clock). */
  reportedAt: Millis.optional(),
  /** Why the PC needs attention (main/core/pc-health.ts, at the hub); empty: it does not. */
  attention: z.array(z.enum(ATTENTION_REASONS)),
});
export type PcHealthView = z.infer<typeof PcHealthView>;

/** The most lines and bytes one log fetch carries, from a PC or from the hub. */
export const LOG_LIMITS = { lines: 500, bytes: 128 * 1024, lineChars: 2000 } as const;

export const LogLine = z.string().max(LOG_LIMITS.lineChars);

/** The new KioskCommand kinds (hub-contract.ts adds them at the end of its union). */
export const FleetCommands = [
  /** Out of service for residents, with the advisor's reason shown on the PC (after the running session, if any). */
  z.strictObject({ kind: z.literal('out-of-service'), reason: MaintenanceReason }),
  /** Back in service (a PC out of service because a wipe failed is wiped again first). */
  z.strictObject({ kind: z.literal('in-service') }),
  /** Reset after a warning: a running session is told it ends in `minutes`, then ends and is wiped; otherwise as "reset". */
  z.strictObject({ kind: z.literal('reset-warned'), minutes: z.int().min(RESET_WARN_MINUTES.min).max(RESET_WARN_MINUTES.max) }),
  /** Restart the app (right after the running session, if any). */
  z.strictObject({ kind: z.literal('restart') }),
] as const;

/** A PC's messages for the fleet (hub-contract.ts adds them at the end of KioskToHub). */
export const FleetKioskMessages = [
  z.strictObject({ type: z.literal('health'), health: PcHealthReport }),
  /** The answer to a "log-request": the PC's recent lines, scrubbed, newest last. */
  z.strictObject({ type: z.literal('log-lines'), requestId: z.uuid(), lines: z.array(LogLine).max(LOG_LIMITS.lines), truncated: z.boolean() }),
] as const;

/** The hub's messages for the fleet (hub-contract.ts adds them at the end of HubToKiosk). */
export const FleetHubMessages = [
  z.strictObject({
    type: z.literal('log-request'),
    requestId: z.uuid(),
    maxLines: z.int().min(1).max(LOG_LIMITS.lines),
    maxBytes: z.int().min(1).max(LOG_LIMITS.bytes),
  }),
] as const;

/** Log lines for the console (administrators only). */
export const LogView = z.strictObject({
  /** "hub", or the PC's id. */
  source: z.string().max(64),
  fetchedAt: Millis,
  lines: z.array(LogLine).max(LOG_LIMITS.lines),
  /** Older lines were left out (the line or byte cap). */
  truncated: z.boolean(),
});
export type LogView = z.infer<typeof LogView>;

export const ResetAllAnswer = z.strictObject({
  commands: z.array(z.strictObject({ pcId: PcId, commandId: Id })),
  /** PCs not reached (offline now): nothing was sent to them. */
  skipped: z.array(PcId),
});
export type ResetAllAnswer = z.infer<typeof ResetAllAnswer>;

/** The console's fleet routes (spread into advisorRoutes). */
export const fleetRoutes = {
  outOfService: route('POST', '/api/pcs/:id/out-of-service', z.strictObject({ reason: MaintenanceReason }), Commanded),
  inService: route('POST', '/api/pcs/:id/in-service', Empty, Commanded),
  restart: route('POST', '/api/pcs/:id/restart', Empty, Commanded),
  resetAll: route(
    'POST',
    '/api/fleet/reset-all',
    z.strictObject({ warnMinutes: z.int().min(RESET_WARN_MINUTES.min).max(RESET_WARN_MINUTES.max).default(RESET_WARN_MINUTES.default) }),
    ResetAllAnswer,
  ),
  pcLogs: route('GET', '/api/pcs/:id/logs', Empty, LogView),
  hubLogs: route('GET', '/api/hub/logs', Empty, LogView),
} as const;
