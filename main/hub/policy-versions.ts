import type { z } from 'zod';
import { applyChanges, diffPolicy, type PolicyChange } from '../core/policy-diff';
import { formatPath } from '../config/problems';
import { sitePolicySchema, type SitePolicy } from '../config/policy';
import { LOCALES } from '../../preload/contract';
import type { AuditPage, CurrentPolicy, PolicyCheck, PolicyProblem, PolicySaveAnswer, PolicyVersionDetail, PolicyVersionView } from '../../preload/policy-editor-contract';
import { AUDIT_PAGE, POLICY_PAGE } from '../../preload/policy-editor-contract';
import type { HubStore } from './hub-store';
import { storedPolicy } from './policy-cache';

/**
 * The site policy's versions (hub migration 10): every saved policy kept
 * with who saved it, when and which fields changed; the newest is the
 * site's policy. The console, `PUT /api/policy` and `tupa hub policy set`
 * all save through recordPolicyVersion, so none is ever left out.
 */

type Row = { version: number; policy: string; actor: string; at: number; summary: string; restored_from: number | null };

const view = (r: Row): PolicyVersionView => ({
  version: r.version,
  at: r.at,
  actor: r.actor,
  summary: r.summary,
  ...(r.restored_from !== null ? { restoredFrom: r.restored_from } : {}),
});

/** The version's one-line summary for IT: the fields changed, at most `max` named. */
export function summarize(changes: readonly PolicyChange[], max = 4): string {
  if (changes.length === 0) return 'no changes';
  const names = changes.slice(0, max).map((c) => formatPath(c.path));
  const rest = changes.length - names.length;
  return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ');
}

/** A stored policy with the defaults of fields added since (one that no longer parses is taken as it is). */
const parsedPolicy = (json: string): Record<string, unknown> => storedPolicy(json) as unknown as Record<string, unknown>;

const newest = (store: HubStore): Row | undefined => store.db.prepare('SELECT * FROM policy_versions ORDER BY version DESC LIMIT 1').get() as Row | undefined;

/**
 * The newest version, made first if the site has none yet (a site set up
 * after migration 10), or recorded as "changed outside" if the site's policy
 * was changed by a path that kept no version.
 */
function currentRow(store: HubStore, at: number): Row {
  const policy = store.site()!.policy;
  const last = newest(store);
  if (last && diffPolicy(parsedPolicy(last.policy), policy).length === 0) return last;
  const changes = last ? diffPolicy(parsedPolicy(last.policy), policy) : [];
  const summary = last ? `changed outside the console: ${summarize(changes)}` : 'the site\'s first policy';
  insert(store, policy, 'system', at, summary, undefined);
  return newest(store)!;
}

function insert(store: HubStore, policy: SitePolicy, actor: string, at: number, summary: string, restoredFrom: number | undefined): number {
  const next = ((store.db.prepare('SELECT max(version) AS v FROM policy_versions').get() as { v: number | null }).v ?? 0) + 1;
  store.db
    .prepare('INSERT INTO policy_versions (version, policy, actor, at, summary, restored_from) VALUES (?, ?, ?, ?, ?, ?)')
    .run(next, JSON.stringify(policy), actor, at, summary, restoredFrom ?? null);
  return next;
}

/**
 * Makes `policy` (already checked) the site's policy as a new version, and
 * audits it; the caller pushes it to the PCs. Returns the version and what changed.
 */
export function recordPolicyVersion(
  store: HubStore,
  policy: SitePolicy,
  actor: string,
  at: number,
  restoredFrom?: number,
): { version: PolicyVersionView; changes: PolicyChange[] } {
  return store.transaction(() => {
    const before = currentRow(store, at);
    const changes = diffPolicy(parsedPolicy(before.policy), policy);
    const summary = restoredFrom !== undefined ? `restored version ${restoredFrom}: ${summarize(changes)}` : summarize(changes);
    store.updateSite({ policy });
    const version = insert(store, policy, actor, at, summary, restoredFrom);
    store.audit(at, actor, restoredFrom !== undefined ? 'policy restored' : 'policy changed', `version ${version}`, {
      ...(restoredFrom !== undefined ? { restoredFrom } : {}),
      fields: changes.slice(0, 20).map((c) => formatPath(c.path)),
    });
    return { version: view(newest(store)!), changes };
  });
}

/** Every issue of a refused policy, each with its field, for the form and for IT. */
export function policyProblems(error: z.ZodError): PolicyProblem[] {
  return error.issues.map((issue) => {
    const problem: PolicyProblem = {
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      field: formatPath(issue.path),
      code: issue.code,
      reason: issue.message.slice(0, 400),
    };
    if ('origin' in issue && typeof issue.origin === 'string') problem.origin = issue.origin;
    if (issue.code === 'too_small') problem.minimum = Number(issue.minimum);
    if (issue.code === 'too_big') problem.maximum = Number(issue.maximum);
    if (issue.code === 'invalid_format') problem.format = issue.format;
    return problem;
  });
}

const OFFERED = LOCALES.filter((locale) => !/-X[A-Z]$/.test(locale));

export class PolicyVersions {
  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
    /** A new version was saved: push it to the PCs and tell the consoles. */
    private readonly published: (version: PolicyVersionView) => void,
  ) {}

  current(): CurrentPolicy {
    const row = this.store.transaction(() => currentRow(this.store, this.now()));
    return { version: view(row), policy: this.store.site()!.policy, locales: [...OFFERED] };
  }

  /** A page of versions, newest first, below `before` (all when undefined). */
  list(before: number | undefined): { versions: PolicyVersionView[]; more: boolean } {
    this.current();
    const rows = this.store.db
      .prepare('SELECT * FROM policy_versions WHERE version < ? ORDER BY version DESC LIMIT ?')
      .all(before ?? Number.MAX_SAFE_INTEGER, POLICY_PAGE + 1) as Row[];
    return { versions: rows.slice(0, POLICY_PAGE).map(view), more: rows.length > POLICY_PAGE };
  }

  /** One version, its policy, and what it changed from the version before it. */
  get(version: number): PolicyVersionDetail | undefined {
    const row = this.store.db.prepare('SELECT * FROM policy_versions WHERE version = ?').get(version) as Row | undefined;
    if (!row) return undefined;
    const previous = this.store.db.prepare('SELECT * FROM policy_versions WHERE version < ? ORDER BY version DESC LIMIT 1').get(version) as Row | undefined;
    const policy = parsedPolicy(row.policy);
    return { version: view(row), policy, changes: previous ? diffPolicy(parsedPolicy(previous.policy), policy) : [] };
  }

  /** What a save would change against its base version, and every field the schema refuses. Nothing is saved. */
  check(policy: unknown, baseVersion: number): PolicyCheck | undefined {
    const base = this.get(baseVersion);
    if (!base) return undefined;
    const parsed = sitePolicySchema.safeParse(policy);
    return {
      changes: diffPolicy(base.policy, parsed.success ? parsed.data : policy),
      problems: parsed.success ? [] : policyProblems(parsed.error),
      currentVersion: this.current().version.version,
    };
  }

  /**
   * Saves `policy` edited from `baseVersion`: refused whole when it does not
   * pass the schema (every field named), or when another version was saved
   * since (the other changes, this save's, and both merged are returned).
   */
  save(policy: unknown, baseVersion: number, actor: string, restoredFrom?: number): { status: 200 | 400 | 404 | 409; answer: PolicySaveAnswer } | undefined {
    const parsed = sitePolicySchema.safeParse(policy);
    if (!parsed.success) {
      const problems = policyProblems(parsed.error);
      const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
      return {
        status: 400,
        answer: { outcome: 'invalid', error: 'invalid', message: `The policy has ${count}; nothing was saved.`, field: problems[0]?.field ?? '', problems },
      };
    }
    return this.store.transaction(() => {
      const current = this.current();
      if (current.version.version !== baseVersion) {
        const base = this.get(baseVersion);
        if (!base) return undefined;
        const mine = diffPolicy(base.policy, parsed.data);
        return {
          status: 409 as const,
          answer: {
            outcome: 'conflict' as const,
            error: 'conflict' as const,
            message: `Version ${current.version.version} was saved by ${current.version.actor} after version ${baseVersion}; nothing was saved.`,
            current: current.version,
            currentPolicy: current.policy,
            theirs: diffPolicy(base.policy, current.policy),
            mine,
            merged: applyChanges(current.policy, mine),
          },
        };
      }
      const { version, changes } = recordPolicyVersion(this.store, parsed.data, actor, this.now(), restoredFrom);
      this.published(version);
      return { status: 200 as const, answer: { outcome: 'saved' as const, version, policy: this.store.site()!.policy, changes } };
    });
  }

  /** Saves an earlier version's policy as the newest (checked against today's schema first). */
  restore(version: number, baseVersion: number, actor: string): ReturnType<PolicyVersions['save']> {
    const old = this.get(version);
    if (!old) return undefined;
    return this.save(old.policy, baseVersion, actor, version);
  }

  /** A page of the hub's audit log, newest first, of one action or all, with every action there is to filter by. */
  audit(before: number | undefined, action: string | undefined): AuditPage {
    const rows = this.store.db
      .prepare('SELECT seq, at, actor, action, subject, details FROM audit WHERE seq < ? AND (? IS NULL OR action = ?) ORDER BY seq DESC LIMIT ?')
      .all(before ?? Number.MAX_SAFE_INTEGER, action ?? null, action ?? null, AUDIT_PAGE + 1) as Array<{
      seq: number;
      at: number;
      actor: string;
      action: string;
      subject: string | null;
      details: string | null;
    }>;
    const actions = (this.store.db.prepare('SELECT DISTINCT action FROM audit ORDER BY action').all() as Array<{ action: string }>).map((r) => r.action);
    return {
      entries: rows.slice(0, AUDIT_PAGE).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        ...(r.subject !== null ? { subject: r.subject } : {}),
        ...(r.details !== null ? { details: r.details.slice(0, 2000) } : {}),
      })),
      actions,
      more: rows.length > AUDIT_PAGE,
    };
  }
}
