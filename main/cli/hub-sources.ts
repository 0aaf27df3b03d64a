import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../core/clock';
import { formatSiteDateTime } from '../core/site-time';
import { createMemoryLogger } from '../log/logger';
import type { HubStore } from '../hub/hub-store';
import { IcsSourceSettings, RespaSourceSettings, SourceStore, type SourceConflict, type SourceRow } from '../hub/sources/source-store';
import { SourceSync, type SyncOutcome } from '../hub/sources/sync';
import { CommandError } from './bookings';
import { withHub } from './hub-bookings';

/**
 * `tupa hub source …` (issue 12): booking sources at the site hub. The
 * token or password is typed or piped (never an argument) and kept sealed.
 * `sync` runs here, on the hub's database; a running hub picks the changes
 * up and sends the PCs their schedules within a second.
 */

export interface SourceOptions {
  map?: string[] | undefined;
  pc?: string | undefined;
  rule?: string | undefined;
  'code-pattern'?: string | undefined;
  requested?: boolean | undefined;
  auth?: string | undefined;
  user?: string | undefined;
}

export interface SourceListItem {
  id: string;
  kind: 'respa' | 'ics';
  location: string;
  settings: object;
  secret: boolean;
  lastOkAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  counts: SourceRow['health']['counts'] | null;
  problems: SourceRow['health']['problems'];
  conflicts: Array<Omit<SourceConflict, 'startsAt' | 'endsAt' | 'at' | 'sourceId'> & { start: string; end: string }>;
}

/** KEY=VALUE pairs from repeated --map options. */
function parseMap(pairs: string[] | undefined, what: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new CommandError('invalid-map', `--map "${pair}": give ${what}=PC, e.g. --map aw4ibnr3vpxq=pc-1`, 'map');
    map[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return map;
}

function checkPcs(store: HubStore, pcIds: string[]): void {
  for (const pcId of pcIds) {
    if (!store.pc(pcId)) throw new CommandError('unknown-pc', `there is no PC "${pcId}" at this site (see "hub status")`, 'map');
  }
}

function checkUrl(text: string | undefined, field: string): URL {
  let url: URL;
  try {
    url = new URL(text ?? '');
  } catch {
    throw new CommandError('invalid-url', `"${text ?? ''}" is not an address; e.g. https://varaamo-api.example.fi/v1`, field);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new CommandError('invalid-url', 'the address must be https:// (codes and tokens must not travel in the clear)', field);
  if (url.username || url.password) throw new CommandError('invalid-url', 'give the address without a user name or password (the password is asked for)', field);
  return url;
}

const newId = (kind: string) => `${kind}-${randomBytes(3).toString('hex')}`;

/** Adds a source; `secret` is asked for only when the source needs one. Returns its id. */
export async function addSource(file: string, kind: string | undefined, location: string | undefined, options: SourceOptions, secret: (prompt: string) => Promise<string>, now: number): Promise<SourceListItem> {
  if (kind === 'respa') {
    const url = checkUrl(location, 'url');
    const auth = options.auth ?? 'none';
    if (!['none', 'token', 'jwt'].includes(auth)) throw new CommandError('invalid-auth', `--auth "${auth}": give token or jwt (or leave it out for none)`, 'auth');
    if (auth === 'jwt' && !options.user) throw new CommandError('missing-option', '--auth jwt needs --user NAME (the password is asked for)', 'user');
    const settings = RespaSourceSettings.safeParse({ map: parseMap(options.map, 'RESOURCE'), requested: options.requested ?? false, auth, ...(options.user ? { username: options.user } : {}) });
    if (!settings.success) throw new CommandError('invalid-map', `--map: ${settings.error.issues[0]!.message} (give --map RESOURCE=PC for each Varaamo resource)`, 'map');
    const typed = auth === 'none' ? undefined : (await secret(auth === 'jwt' ? `Password for ${options.user}: ` : 'The API token: ')).trim();
    if (auth !== 'none' && !typed) throw new CommandError('missing-secret', 'no token or password was given', 'secret');
    return withHub(file, (_b, store) => {
      checkPcs(store, Object.values(settings.data.map));
      const id = newId('respa');
      new SourceStore(store).add({ id, kind: 'respa', location: url.toString().replace(/\/+$/, ''), settings: settings.data, secret: typed }, now);
      store.audit(now, 'cli', 'booking source added', id, { kind: 'respa', host: url.host, resources: Object.keys(settings.data.map).length });
      return listItem(store, new SourceStore(store).get(id)!, now);
    });
  }
  if (kind === 'ics') {
    if (!location) throw new CommandError('missing-argument', 'give the feed\'s address or file: hub source add ics URL|FILE --pc PC', 'url');
    const isUrl = /^[a-z]+:\/\//i.test(location);
    const where = isUrl ? checkUrl(location, 'url').toString() : resolve(location);
    if (!isUrl && !existsSync(where)) throw new CommandError('unreadable-file', `${where}: no such file`, 'file');
    if (options['code-pattern']) {
      try {
        new RegExp(options['code-pattern']);
      } catch (error) {
        throw new CommandError('invalid-pattern', `--code-pattern: ${(error as Error).message}`, 'code-pattern');
      }
    }
    if (options.pc && options.rule) throw new CommandError('invalid-option', 'give either --pc (one feed per PC) or --rule with --map (one feed for the site), not both', 'pc');
    let raw: object;
    if (options.pc) raw = { pcId: options.pc };
    else if (options.rule === 'LOCATION' || options.rule === 'SUMMARY') raw = { pcRule: { field: options.rule, map: parseMap(options.map, 'TEXT') } };
    else throw new CommandError('missing-option', 'give --pc PC, or --rule LOCATION|SUMMARY with --map TEXT=PC', options.rule ? 'rule' : 'pc');
    const settings = IcsSourceSettings.safeParse({ ...raw, ...(options['code-pattern'] ? { codePattern: options['code-pattern'] } : {}) });
    if (!settings.success) throw new CommandError('invalid-option', `${settings.error.issues[0]!.path.join('.')}: ${settings.error.issues[0]!.message}`, 'map');
    return withHub(file, (_b, store) => {
      checkPcs(store, settings.data.pcId ? [settings.data.pcId] : Object.values(settings.data.pcRule?.map ?? {}));
      const id = newId('ics');
      new SourceStore(store).add({ id, kind: 'ics', location: where, settings: settings.data }, now);
      store.audit(now, 'cli', 'booking source added', id, { kind: 'ics', file: !isUrl });
      return listItem(store, new SourceStore(store).get(id)!, now);
    });
  }
  throw new CommandError('unknown-command', 'give the kind of source: hub source add respa URL … or hub source add ics URL|FILE …', 'kind');
}

function listItem(store: HubStore, s: SourceRow, now: number): SourceListItem {
  const zone = store.site()!.timeZone;
  const time = (at: number | undefined) => (at === undefined ? null : formatSiteDateTime(at, zone));
  return {
    id: s.id,
    kind: s.kind,
    location: s.location,
    settings: s.settings,
    secret: s.hasSecret,
    lastOkAt: time(s.health.lastOkAt),
    lastError: s.health.lastError ?? null,
    lastErrorAt: time(s.health.lastErrorAt),
    failures: s.health.failures,
    counts: s.health.counts ?? null,
    problems: s.health.problems,
    conflicts: new SourceStore(store)
      .conflicts(s.id, now)
      .map(({ outsideId, kind, pcId, localId, winner, startsAt, endsAt }) => ({ outsideId, kind, pcId, localId, winner, start: time(startsAt)!, end: time(endsAt)! })),
  };
}

export function listSources(file: string, now: number): SourceListItem[] {
  return withHub(file, (_b, store) => new SourceStore(store).list().map((s) => listItem(store, s, now)));
}

/** Removes a source: its bookings still to come are cancelled (the PCs stop holding them). */
export function removeSource(file: string, id: string | undefined, now: number): { cancelled: number } {
  if (!id) throw new CommandError('missing-argument', 'give the source\'s id: hub source remove ID (see hub source list)', 'id');
  return withHub(file, (_b, store) =>
    store.transaction(() => {
      const sources = new SourceStore(store);
      if (!sources.get(id)) throw new CommandError('unknown-source', `there is no source "${id}" (see hub source list)`, 'id');
      const live = store.db.prepare('UPDATE bookings SET cancelled_at = ?, updated_at = ? WHERE source_id = ? AND cancelled_at IS NULL AND ends_at > ?').run(now, now, id, now);
      sources.remove(id);
      store.audit(now, 'cli', 'booking source removed', id, { cancelled: live.changes });
      return { cancelled: live.changes };
    }),
  );
}

/** Syncs one source, or all, now. */
export function syncSources(file: string, id: string | undefined): Promise<SyncOutcome[]> {
  return withHub(file, async (_b, store) => {
    const sync = new SourceSync({ store, clock: systemClock, logger: createMemoryLogger(), onChange: () => undefined });
    if (id && !sync.sources.get(id)) throw new CommandError('unknown-source', `there is no source "${id}" (see hub source list)`, 'id');
    return id ? [await sync.sync(id)] : await sync.syncAll();
  });
}

export function sourceLines(list: SourceListItem[]): string {
  if (list.length === 0) return 'No booking sources (add one: hub source add respa URL --map RESOURCE=PC).\n';
  return list
    .map((s) => {
      const c = s.counts;
      const lines = [
        `${s.id}  ${s.kind}  ${s.location}`,
        `  last good sync: ${s.lastOkAt ?? 'never'}${c ? ` (${c.added} new, ${c.moved} moved, ${c.cancelled} cancelled, ${c.unchanged} unchanged, ${c.conflicts} conflicts)` : ''}`,
      ];
      if (s.lastError) lines.push(`  last error ${s.lastErrorAt}: ${s.lastError}${s.failures ? ` (${s.failures} failures in a row)` : ''}`);
      for (const p of s.problems.slice(0, 10)) lines.push(`  left out: ${p.where}: ${p.reason}`);
      for (const k of s.conflicts) {
        lines.push(`  conflict (${k.kind}): reservation ${k.outsideId} on ${k.pcId} ${k.start}–${k.end.slice(11)}${k.localId ? ` overlaps booking ${k.localId}` : ' is outside opening hours'}; ${k.winner === 'source' ? 'the source won' : 'left out (the local booking won)'}`);
      }
      return lines.join('\n');
    })
    .join('\n') + '\n';
}

/** `hub source add|list|sync|remove`: prints as text or JSON; 1 when a sync failed. */
export async function sourceCommand(
  file: string,
  rest: string[],
  ctx: { io: { secret: (prompt: string) => Promise<string> }; now: number; print: (value: unknown, text: string) => void; options: SourceOptions },
): Promise<number> {
  const [what, a, b] = rest;
  const { now, print } = ctx;
  if (what === 'add') {
    const added = await addSource(file, a, b, ctx.options, ctx.io.secret, now);
    print(added, `Source ${added.id} added. Fetch it now with: hub source sync ${added.id} (a running hub fetches it within its sync interval).\n`);
    return 0;
  }
  if (what === 'list') {
    const list = listSources(file, now);
    print(list, sourceLines(list));
    return 0;
  }
  if (what === 'sync') {
    const outcomes = await syncSources(file, a);
    const text = outcomes.map((o) =>
      o.ok
        ? `${o.sourceId}: ${o.notModified ? 'unchanged (304)' : `${o.counts!.added} new, ${o.counts!.moved} moved, ${o.counts!.cancelled} cancelled, ${o.counts!.conflicts} conflicts`}${o.problems ? `; ${o.problems} left out (see hub source list)` : ''}`
        : `${o.sourceId}: failed: ${o.error} (its last good bookings stay)`,
    );
    print(outcomes, `${text.join('\n') || 'No booking sources.'}\n`);
    return outcomes.every((o) => o.ok) ? 0 : 1;
  }
  if (what === 'remove') {
    const removed = removeSource(file, a, now);
    print({ ok: true, ...removed }, `Source ${a} removed; ${removed.cancelled} of its bookings still to come cancelled.\n`);
    return 0;
  }
  throw new CommandError('unknown-command', `unknown command "hub source ${rest.join(' ')}"; see "npm run tupa -- help"`);
}
