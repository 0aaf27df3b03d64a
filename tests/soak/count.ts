/**
 * After the soak: what each place holds, held against the others. The PCs'
 * databases against what the soak asked of them (sessions and feedback the
 * kiosk said "ok" to), the hub's against the PCs' events (each by id, and
 * its daily figures recomputed from the events it holds), the city
 * receiver's against the hub's records. Read from the SQLite files beside (or after)
 * the processes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventMetrics } from '../../main/sync/figures';
import { readDatabase, type EventRow, type SessionRow } from '../integration/support';
import { databaseFile } from '../../main/config/paths';
import type { KioskTally } from './processes';

/** Where the soak's places keep their data: each PC's folder (and what it was asked), the hub's, the city receiver's. */
export interface SoakPlaces {
  kiosks: ReadonlyArray<{ pcId: string; dataDir: string; tally: KioskTally }>;
  hubDataDir: string;
  cityDataDir: string;
  siteId: string;
}

export interface PlaceCount {
  lost: number;
  doubled: number;
}

export interface SoakCounts {
  /** Sessions started, as each place counts them (a booking checked in again after a crash is the same visit). */
  sessions: { pcs: number; hub: number; city: number };
  /** Sessions at the PCs not ended, or not wiped. */
  sessionsLeftOpen: number;
  /** Sessions whose wipe receipt says it failed. */
  wipesFailed: number;
  pc: PlaceCount;
  /**
   * Events: lost: a PC's event the hub does not hold; doubled: one the hub holds that no PC recorded, or counted more than
   * once in its daily figures. `cellsOff`: daily figures that differ from the events the hub holds.
   */
  hub: PlaceCount & { cellsOff: number; unconfirmedAtPcs: number };
  /** Records: missing or lower at the receiver; higher there, or there but not at the hub. */
  city: PlaceCount & { unconfirmedAtHub: number; setAside: number };
  /** A booking counted as more than one session (a resident checking in again after a crash). */
  bookingsCountedAgain: number;
  /** What any non-zero count is made of, in words (no codes, no names). */
  findings: string[];
}

type PcSession = SessionRow & { booking_id: string | null };

const sessionOf = (eventId: string) => eventId.slice(0, eventId.lastIndexOf(':'));

function countPc(site: SoakPlaces, findings: string[]) {
  const result = { left: 0, failed: 0, lost: 0, doubled: 0, events: [] as Array<EventRow & { pcId: string }>, booked: new Set<string>() };
  for (const k of site.kiosks) {
    const { sessions, events } = readDatabase(k.dataDir) as { sessions: PcSession[]; events: EventRow[] };
    result.events.push(...events.map((e) => ({ ...e, pcId: k.pcId })));
    const open = sessions.filter((s) => s.ended_at === null || s.wiped_at === null);
    const failed = sessions.filter((s) => s.receipt !== null && (JSON.parse(s.receipt) as { ok: boolean }).ok !== true);
    result.left += open.length;
    result.failed += failed.length;
    if (open.length) findings.push(`${k.pcId}: ${open.length} sessions left open (${open.map((s) => (s.ended_at === null ? 'not ended' : 'not wiped')).join(', ')})`);
    if (failed.length) findings.push(`${k.pcId}: ${failed.length} wipes failed`);
    const byType = (type: string) => new Map(events.filter((e) => e.type === type).map((e) => [sessionOf(e.id), e]));
    const started = byType('session-started');
    const ended = byType('session-ended');
    const feedback = events.filter((e) => e.type === 'feedback').length;
    const ids = new Set(sessions.map((s) => s.id));
    const lost = [
      Math.max(0, k.tally.acknowledged - sessions.length),
      sessions.filter((s) => !started.has(s.id)).length,
      sessions.filter((s) => s.ended_at !== null && !ended.has(s.id)).length,
      Math.max(0, k.tally.feedbackAcknowledged - feedback),
    ];
    const doubled = [
      Math.max(0, sessions.length - k.tally.attempted),
      [...started.keys(), ...ended.keys()].filter((id) => !ids.has(id)).length,
      Math.max(0, feedback - k.tally.feedbackAttempted),
    ];
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    result.lost += sum(lost);
    result.doubled += sum(doubled);
    if (sum(lost) || sum(doubled)) {
      findings.push(
        `${k.pcId}: sessions ${sessions.length} (asked ${k.tally.attempted}, acknowledged ${k.tally.acknowledged}); feedback ${feedback} (asked ${k.tally.feedbackAttempted}, acknowledged ${k.tally.feedbackAcknowledged}); lost [${lost}] doubled [${doubled}]`,
      );
    }
    for (const s of sessions) if (s.kind === 'booked' && s.booking_id) result.booked.add(`${k.pcId} ${s.booking_id}`);
  }
  return result;
}

/** A PC's usage events its hub has not confirmed yet, read from its database (beside the running process, or after it). */
export function unsentEvents(dataDir: string): number {
  const [row] = readAll<{ n: number }>(databaseFile(dataDir), 'SELECT count(*) AS n FROM usage_events WHERE seq > (SELECT sent_through FROM usage_sync WHERE id = 1)');
  return row!.n;
}

function readAll<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Lines of the hub's log that say a figure was set aside (refused by the city for what it is). */
function setAsideInLog(hubDataDir: string): number {
  const dir = join(hubDataDir, 'logs');
  let n = 0;
  for (const file of readdirSync(dir)) n += readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.includes('set aside')).length;
  return n;
}

export function countSoak(site: SoakPlaces): SoakCounts {
  const findings: string[] = [];
  const pc = countPc(site, findings);
  const hubFile = join(site.hubDataDir, 'hub', 'hub.sqlite');
  const pcIds = new Set(site.kiosks.map((k) => k.pcId));

  // The hub: every PC event by id (the hub keeps it under the PC's id), the same fact; its daily figures as its events make them.
  const stored = readAll<{ id: string; pc_id: string; at: number; type: string; data: string }>(hubFile, 'SELECT id, pc_id, at, type, data FROM usage_events');
  const atHubById = new Map(stored.filter((e) => pcIds.has(e.pc_id)).map((e) => [e.id, e]));
  const matched = new Set<string>();
  const missing = pc.events.filter((e) => {
    const key = [`${e.pcId}:${e.id}`, e.id].find((id) => atHubById.get(id)?.type === e.type);
    if (key) matched.add(key);
    return key === undefined;
  });
  const extra = [...atHubById.keys()].filter((id) => !matched.has(id));
  if (missing.length) findings.push(`hub: ${missing.length} PC events never arrived (${[...new Set(missing.map((e) => e.type))].join(', ')})`);
  if (extra.length) findings.push(`hub: ${extra.length} events no PC recorded`);
  const zone = readAll<{ time_zone: string }>(hubFile, 'SELECT time_zone FROM site')[0]!.time_zone;
  const expected = new Map<string, number>();
  for (const e of atHubById.values()) {
    const { day, add } = eventMetrics({ at: e.at, type: e.type, data: JSON.parse(e.data) as Record<string, unknown> }, zone);
    for (const [metric, n] of add) if (n > 0) expected.set(`${day} ${e.pc_id} ${metric}`, (expected.get(`${day} ${e.pc_id} ${metric}`) ?? 0) + n);
  }
  const daily = readAll<{ day: string; pc_id: string; metric: string; value: number }>(hubFile, "SELECT day, pc_id, metric, value FROM usage_daily WHERE metric <> 'no-shows' AND metric NOT LIKE 'help%'");
  const actual = new Map(daily.filter((r) => pcIds.has(r.pc_id)).map((r) => [`${r.day} ${r.pc_id} ${r.metric}`, r.value]));
  let excess = 0;
  let cellsOff = 0;
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const diff = (actual.get(key) ?? 0) - (expected.get(key) ?? 0);
    if (diff === 0) continue;
    cellsOff++;
    if (diff > 0 && !key.endsWith(' minutes')) excess += diff;
    if (cellsOff <= 5) findings.push(`hub: daily figure ${key} is ${actual.get(key) ?? 0}, its stored events make ${expected.get(key) ?? 0}`);
  }
  const unconfirmedAtPcs = site.kiosks.reduce((n, k) => n + unsentEvents(k.dataDir), 0);
  if (unconfirmedAtPcs) findings.push(`PCs: ${unconfirmedAtPcs} events still unconfirmed by the hub`);
  const hubSessions = daily.filter((r) => pcIds.has(r.pc_id) && r.metric.startsWith('sessions.')).reduce((n, r) => n + r.value, 0);
  const hubBooked = daily.filter((r) => pcIds.has(r.pc_id) && r.metric === 'sessions.booked').reduce((n, r) => n + r.value, 0);
  const bookingsCountedAgain = Math.max(0, hubBooked - pc.booked.size);
  if (bookingsCountedAgain) findings.push(`hub: ${hubBooked} booked sessions counted for ${pc.booked.size} bookings checked in`);

  // The city: every record of the hub, at its value.
  const records = readAll<{ period: string; metric: string; value: string; revision: number; acked_revision: number }>(hubFile, 'SELECT period, metric, value, revision, acked_revision FROM city_records');
  const cityFile = join(site.cityDataDir, 'city.sqlite');
  const figures = readAll<{ period: string; metric: string; value: number | null }>(cityFile, 'SELECT period, metric, value FROM figures WHERE site = ?', site.siteId);
  const atCity = new Map(figures.map((f) => [`${f.period} ${f.metric}`, f.value === null ? '<5' : String(f.value)]));
  const atHub = new Map(records.map((r) => [`${r.period} ${r.metric}`, r.value]));
  const unconfirmedAtHub = records.filter((r) => r.revision > r.acked_revision).length;
  let cityLost = 0;
  let cityDoubled = 0;
  for (const key of new Set([...atHub.keys(), ...atCity.keys()])) {
    const hubValue = atHub.get(key);
    const cityValue = atCity.get(key);
    if (hubValue === cityValue) continue;
    const higher = hubValue === undefined || (cityValue !== undefined && Number(cityValue) > Number(hubValue));
    if (higher) cityDoubled++;
    else cityLost++;
    if (cityLost + cityDoubled <= 5) findings.push(`city: ${key} is ${cityValue ?? 'missing'} at the receiver, ${hubValue ?? 'missing'} at the hub`);
  }
  if (unconfirmedAtHub) findings.push(`hub: ${unconfirmedAtHub} records still unconfirmed by the city`);
  const setAside = setAsideInLog(site.hubDataDir);
  if (setAside) findings.push(`hub: ${setAside} figures set aside as refused by the city`);
  const citySessions = figures.filter((f) => f.period.length === 10 && f.metric === 'sessions').reduce((n, f) => n + (f.value ?? 0), 0);

  return {
    sessions: { pcs: pc.events.filter((e) => e.type === 'session-started' && (JSON.parse(e.data) as { resumed?: boolean }).resumed !== true).length, hub: hubSessions, city: citySessions },
    sessionsLeftOpen: pc.left,
    wipesFailed: pc.failed,
    pc: { lost: pc.lost, doubled: pc.doubled },
    hub: { lost: missing.length, doubled: excess + extra.length, cellsOff, unconfirmedAtPcs },
    city: { lost: cityLost, doubled: cityDoubled, unconfirmedAtHub, setAside },
    bookingsCountedAgain,
    findings,
  };
}

/** Every count that must be zero, by name. */
export function nonZero(c: SoakCounts): string[] {
  const must: Record<string, number> = {
    'sessions left open': c.sessionsLeftOpen,
    'wipes failed': c.wipesFailed,
    'events lost at the PCs': c.pc.lost,
    'events doubled at the PCs': c.pc.doubled,
    'events lost at the hub': c.hub.lost,
    'events doubled at the hub': c.hub.doubled,
    'hub daily figures off its events': c.hub.cellsOff,
    'events unconfirmed at the PCs': c.hub.unconfirmedAtPcs,
    'records lost at the city': c.city.lost,
    'records doubled at the city': c.city.doubled,
    'records unconfirmed at the hub': c.city.unconfirmedAtHub,
    'figures set aside': c.city.setAside,
    'bookings counted again': c.bookingsCountedAgain,
  };
  if (c.sessions.hub !== c.sessions.pcs) must['sessions: hub ≠ PCs'] = c.sessions.hub - c.sessions.pcs;
  if (c.sessions.city !== c.sessions.hub) must['sessions: city ≠ hub'] = c.sessions.city - c.sessions.hub;
  return Object.entries(must)
    .filter(([, n]) => n !== 0)
    .map(([name, n]) => `${name}: ${n}`);
}
