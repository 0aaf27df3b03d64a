import { z } from 'zod';
import { Empty, Millis, PcId, route } from './hub-base';

/**
 * Updates through the hub (issue 15): what a PC reports of its update, and
 * what the console's "Updates" page reads and does. The packages themselves
 * go over HTTPS at /updates/ in electron-updater's generic-provider layout
 * (main/hub/updates.ts), not through these messages.
 */

/** A release's version as PCs and the hub write it (semver; checked fully in main/core/update-rules.ts). */
export const Version = z.string().min(5).max(40).regex(/^\d+\.\d+\.\d+[0-9A-Za-z.+-]*$/);

/** idle: nothing to do (or up to date); downloading; ready: downloaded, waiting for a quiet moment; installing; failed (reason). */
export const PcUpdateState = z.enum(['idle', 'downloading', 'ready', 'installing', 'failed']);
export type PcUpdateState = z.infer<typeof PcUpdateState>;

/** Why a PC's update failed or waits: a code the console translates (the PC's own words go to `detail`, for IT). */
export const UpdateReason = z.enum(['check-failed', 'download-failed', 'install-failed', 'session', 'booking-soon']);
export type UpdateReason = z.infer<typeof UpdateReason>;

/** PC → hub: its running version and what it is doing about an update (sent on change and now and then). */
export const UpdateReport = z.strictObject({
  type: z.literal('update'),
  running: Version,
  state: PcUpdateState,
  /** The version it is downloading, holds or failed on. */
  target: Version.optional(),
  reason: UpdateReason.optional(),
  detail: z.string().max(200).optional(),
  /** How many times in a row it failed (it tries again later). */
  failures: z.int().min(0).max(1000).optional(),
});
export type UpdateReport = z.infer<typeof UpdateReport>;

export const ReleaseView = z.strictObject({
  version: Version,
  addedAt: Millis,
  addedBy: z.string(),
  releaseDate: z.string().max(40).optional(),
  /** Which systems it is for: the metadata files it came with (latest.yml: Windows, latest-linux.yml: Linux). */
  channels: z.array(z.string()),
  files: z.array(z.strictObject({ name: z.string(), size: z.int().min(0) })),
  signed: z.boolean(),
  /** Its first PC (chosen by an administrator, or the first PC that asked). */
  pilotPc: PcId.optional(),
  confirmedAt: Millis.optional(),
  confirmedBy: z.string().optional(),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

export const PcUpdateView = z.strictObject({
  pcId: PcId,
  name: z.string(),
  online: z.boolean(),
  running: Version.optional(),
  /** The release the hub offers this PC now (staging). */
  offered: Version.optional(),
  state: PcUpdateState.optional(),
  target: Version.optional(),
  reason: UpdateReason.optional(),
  detail: z.string().optional(),
  at: Millis.optional(),
});
export type PcUpdateView = z.infer<typeof PcUpdateView>;

export const UpdatesView = z.strictObject({ releases: z.array(ReleaseView), pcs: z.array(PcUpdateView) });
export type UpdatesView = z.infer<typeof UpdatesView>;

export const UpdatesEvent = z.strictObject({ type: z.literal('updates'), updates: UpdatesView });

/** The "Updates" page's routes (administrators only). `:id` is a release's version. */
export const updateRoutes = {
  updates: route('GET', '/api/updates', Empty, UpdatesView),
  /** Picks the release's first PC (before the rest are let through). */
  updatePilot: route('POST', '/api/updates/:id/pilot', z.strictObject({ pcId: PcId }), UpdatesView),
  /** Lets every PC take the release. */
  updateConfirm: route('POST', '/api/updates/:id/confirm', Empty, UpdatesView),
} as const;
