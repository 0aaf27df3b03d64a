import { z } from 'zod';
import { Empty, Millis, route } from './hub-base';
import { sitePolicySchema } from '../main/config/policy';

/**
 * The site policy editor and the audit log in the console (issue 15), for
 * administrators only: every saved policy is a numbered version; a save
 * names the version it was edited from, and is refused (409) when another
 * administrator saved since, with both sides' changes; a refused policy
 * names every field at fault (400).
 */

const Version = z.int().min(1);
/** A field of the policy: `["tiles", 1, "label", "fi"]`. */
export const PolicyPath = z.array(z.union([z.string().max(80), z.int().min(0)])).max(12);

/** One field that differs: its value before and after (absent: not there). */
export const PolicyChangeView = z.strictObject({ path: PolicyPath, before: z.unknown().optional(), after: z.unknown().optional() });
export type PolicyChangeView = z.infer<typeof PolicyChangeView>;

/** A saved version: who saved it (advisor:NAME, cli, system), when, and which fields it changed. */
export const PolicyVersionView = z.strictObject({
  version: Version,
  at: Millis,
  actor: z.string(),
  summary: z.string(),
  /** A restore: the version whose policy this one repeats. */
  restoredFrom: Version.optional(),
});
export type PolicyVersionView = z.infer<typeof PolicyVersionView>;

/**
 * A field the schema refused: its path (for the form), the path as IT reads
 * it, zod's issue code (the console translates it) and the precise English
 * reason; bounds and kinds where the code has them.
 */
export const PolicyProblem = z.strictObject({
  path: PolicyPath,
  field: z.string(),
  code: z.string().max(40),
  reason: z.string().max(400),
  origin: z.string().max(40).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  format: z.string().max(40).optional(),
});
export type PolicyProblem = z.infer<typeof PolicyProblem>;

/** A stored policy as saved (an old one may lack fields added since: the editor fills them from the current policy). */
const StoredPolicy = z.record(z.string(), z.unknown());

export const CurrentPolicy = z.strictObject({
  version: PolicyVersionView,
  policy: sitePolicySchema,
  /** The languages a tile's name and description may have, from the policy's schema. */
  locales: z.array(z.string()),
});
export type CurrentPolicy = z.infer<typeof CurrentPolicy>;

export const PolicyVersionList = z.strictObject({ versions: z.array(PolicyVersionView), more: z.boolean() });
export const PolicyVersionDetail = z.strictObject({ version: PolicyVersionView, policy: StoredPolicy, changes: z.array(PolicyChangeView) });
export type PolicyVersionDetail = z.infer<typeof PolicyVersionDetail>;

export const PolicySaveBody = z.strictObject({ policy: z.unknown(), baseVersion: Version });
export const PolicyRestoreBody = z.strictObject({ baseVersion: Version });

export const PolicySaved = z.strictObject({ outcome: z.literal('saved'), version: PolicyVersionView, policy: sitePolicySchema, changes: z.array(PolicyChangeView) });
export type PolicySaved = z.infer<typeof PolicySaved>;
/** 409: another administrator saved since `baseVersion`. */
export const PolicyConflict = z.strictObject({
  outcome: z.literal('conflict'),
  error: z.literal('conflict'),
  message: z.string(),
  current: PolicyVersionView,
  currentPolicy: sitePolicySchema,
  /** What the others changed from the base version to the current one. */
  theirs: z.array(PolicyChangeView),
  /** What this save changed from the base version. */
  mine: z.array(PolicyChangeView),
  /** The current policy with this save's changes applied on top (not yet checked). */
  merged: z.unknown(),
});
export type PolicyConflict = z.infer<typeof PolicyConflict>;
/** 400: nothing saved; every field at fault. */
export const PolicyInvalid = z.strictObject({
  outcome: z.literal('invalid'),
  error: z.literal('invalid'),
  message: z.string(),
  field: z.string(),
  problems: z.array(PolicyProblem),
});
export type PolicyInvalid = z.infer<typeof PolicyInvalid>;
export const PolicySaveAnswer = z.discriminatedUnion('outcome', [PolicySaved, PolicyConflict, PolicyInvalid]);
export type PolicySaveAnswer = z.infer<typeof PolicySaveAnswer>;

/** Before saving: what would change against the base version, and what the schema refuses (nothing is saved). */
export const PolicyCheck = z.strictObject({ changes: z.array(PolicyChangeView), problems: z.array(PolicyProblem), currentVersion: Version });
export type PolicyCheck = z.infer<typeof PolicyCheck>;

export const AuditQuery = z.strictObject({ before: z.int().min(1).optional(), action: z.string().min(1).max(80).optional() });
export const AuditEntryView = z.strictObject({
  seq: z.int().min(1),
  at: Millis,
  actor: z.string(),
  action: z.string(),
  subject: z.string().optional(),
  details: z.string().optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
export const AuditPage = z.strictObject({ entries: z.array(AuditEntryView), actions: z.array(z.string()), more: z.boolean() });
export type AuditPage = z.infer<typeof AuditPage>;

/** Pushed to administrators' consoles when a version is saved (an open editor learns it is behind). */
export const PolicyVersionEvent = z.strictObject({ type: z.literal('policy-version'), version: PolicyVersionView });

export const policyEditorRoutes = {
  policyCurrent: route('GET', '/api/policy/current', Empty, CurrentPolicy),
  /** Newest first, a page at a time: :id is "latest" or the version the page starts below. */
  policyVersions: route('GET', '/api/policy/versions/before/:id', Empty, PolicyVersionList),
  policyVersion: route('GET', '/api/policy/versions/:id', Empty, PolicyVersionDetail),
  checkPolicy: route('POST', '/api/policy/check', PolicySaveBody, PolicyCheck),
  savePolicy: route('POST', '/api/policy/versions', PolicySaveBody, PolicySaveAnswer),
  restorePolicy: route('POST', '/api/policy/versions/:id/restore', PolicyRestoreBody, PolicySaveAnswer),
  /** Newest first, a page at a time (below `before`), of one action or all. */
  auditLog: route('POST', '/api/audit/query', AuditQuery, AuditPage),
} as const;

export const POLICY_PAGE = 20;
export const AUDIT_PAGE = 50;
