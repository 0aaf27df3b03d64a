import { randomBytes } from 'node:crypto';
import type { OutsideBooking, SourceSnapshot, SyncCounts } from '../../core/booking-source';
import { hashCode, sealCode } from '../../core/codes';
import { withinOpening } from '../../core/opening-hours';
import { diffSource } from '../../core/source-diff';
import type { HubStore } from '../hub-store';
import type { SourceStore } from './source-store';

/**
 * Applies a source's snapshot to the hub's bookings in one SQLite
 * transaction (issue 12): new reservations become bookings (keyed by source
 * and outside id, their code stored as every code is), moved ones move,
 * cancelled or gone ones are cancelled, a code that arrives later is added.
 * An imported booking overlapping a local one, or outside opening hours, is
 * a conflict the policy's `sources.conflictWinner` decides; one overlapping
 * a booking of ANOTHER source is a conflict the booking already held wins
 * (the other source would only bring its own back). Each is recorded and
 * audited, never dropped silently.
 */

export interface ApplyResult {
  counts: SyncCounts;
  /** PCs whose schedules changed. */
  pcIds: string[];
  problems: SourceSnapshot['problems'];
  /** Bookings cancelled or moved here (a local one that lost, an imported one gone or moved): their day's no-shows are counted again. */
  recount: Array<{ pcId: string; startsAt: number }>;
}

const SYNC_ACTOR = (sourceId: string) => `source:${sourceId}`;

/** What the hub stores of an imported code: the code sealed and hashed, or for none yet an empty code no typed code matches. */
function codeColumns(siteKey: Buffer, code: string | undefined): { codeHash: Buffer; codeSealed: Buffer } {
  return { codeHash: hashCode(siteKey, code ?? ''), codeSealed: sealCode(siteKey, code ?? '') };
}

export function applySnapshot(store: HubStore, sources: SourceStore, sourceId: string, snapshot: SourceSnapshot, window: { from: number; to: number }, now: number): ApplyResult {
  return store.transaction(() => {
    const site = store.site()!;
    const winner = site.policy.sources?.conflictWinner ?? 'source';
    const hours = site.policy.openingHours;
    const actor = SYNC_ACTOR(sourceId);
    const known = sources.known(sourceId);
    const diff = diffSource(known, snapshot.bookings, window);
    const counts: SyncCounts = { added: 0, moved: 0, cancelled: 0, unchanged: diff.unchanged, conflicts: 0 };
    const pcIds = new Set<string>();
    const db = store.db;
    const recount: ApplyResult['recount'] = [];
    // Local bookings and those of other sources; this source's own never conflict with each other.
    const overlapping = db.prepare(
      'SELECT id, source_id, starts_at FROM bookings WHERE pc_id = ? AND cancelled_at IS NULL AND (source_id IS NULL OR source_id != ?) AND starts_at < ? AND ends_at > ? AND id != ?',
    );
    const tag = db.prepare('UPDATE bookings SET source_id = ?, outside_id = ? WHERE id = ?');

    /** Conflicts of an imported booking still to come: true when it may be held. */
    const mayHold = (b: OutsideBooking, ownId: string | undefined): boolean => {
      if (b.endsAt <= now) return true;
      const closed = hours !== undefined && !withinOpening(b, site.timeZone, hours);
      const others = overlapping.all(b.pcId, sourceId, b.endsAt, b.startsAt, ownId ?? '') as Array<{ id: string; source_id: string | null; starts_at: number }>;
      const ofSources = others.filter((o) => o.source_id !== null);
      const locals = others.filter((o) => o.source_id === null);
      const held = ofSources.length === 0 && !(winner === 'local' && (closed || locals.length > 0));
      const record = (kind: 'overlap' | 'closed', localId: string, won: 'source' | 'local') => {
        counts.conflicts++;
        const fresh = sources.conflict({ sourceId, outsideId: b.outsideId, kind, pcId: b.pcId, startsAt: b.startsAt, endsAt: b.endsAt, localId, winner: won, at: now });
        if (fresh) store.audit(now, actor, 'booking source conflict', b.outsideId, { kind, pcId: b.pcId, startsAt: b.startsAt, endsAt: b.endsAt, localBooking: localId || undefined, winner: won });
      };
      if (closed) record('closed', '', held ? 'source' : 'local');
      for (const other of ofSources) record('overlap', other.id, 'local');
      for (const local of locals) record('overlap', local.id, held ? 'source' : 'local');
      if (held) {
        for (const local of locals) {
          store.cancelBooking(local.id, now);
          store.audit(now, actor, 'booking cancelled', local.id, { pcId: b.pcId, reason: 'an imported booking won the conflict' });
          recount.push({ pcId: b.pcId, startsAt: local.starts_at });
          pcIds.add(b.pcId);
        }
      }
      return held;
    };
    const live = new Map<string, boolean>();
    const pcKnown = (pcId: string) => {
      if (!live.has(pcId)) {
        const pc = store.pc(pcId);
        live.set(pcId, pc !== undefined && !pc.revoked);
      }
      return live.get(pcId)!;
    };
    const problems = [...snapshot.problems, ...diff.problems];
    const unknownPc = (b: OutsideBooking) => {
      problems.push({ where: `reservation ${b.outsideId}`, reason: `is mapped to PC "${b.pcId}", which is not paired at this site` });
    };

    for (const b of diff.add) {
      // One already over was never held here: adding it now would only count it a no-show in the figures.
      if (b.endsAt <= now) continue;
      if (!pcKnown(b.pcId)) {
        unknownPc(b);
        continue;
      }
      if (!mayHold(b, undefined)) continue;
      const id = `b-${randomBytes(5).toString('hex')}`;
      store.addBooking({ id, pcId: b.pcId, startsAt: b.startsAt, endsAt: b.endsAt, ...codeColumns(site.codeKey, b.code) }, actor, now);
      tag.run(sourceId, b.outsideId, id);
      counts.added++;
      pcIds.add(b.pcId);
    }
    for (const { id, to } of [...diff.restore, ...diff.move]) {
      const before = known.find((k) => k.id === id)!;
      if (!pcKnown(to.pcId)) {
        unknownPc(to);
        continue;
      }
      if (!mayHold(to, id)) {
        if (!before.cancelled && store.cancelBooking(id, now)) {
          counts.cancelled++;
          recount.push({ pcId: before.pcId, startsAt: before.startsAt });
          pcIds.add(before.pcId);
        }
        continue;
      }
      const code = codeColumns(site.codeKey, to.code ?? before.code);
      db.prepare('UPDATE bookings SET pc_id = ?, starts_at = ?, ends_at = ?, code_hash = ?, code_sealed = ?, cancelled_at = NULL, no_show_at = NULL, updated_at = ? WHERE id = ?').run(
        to.pcId,
        to.startsAt,
        to.endsAt,
        code.codeHash,
        code.codeSealed,
        now,
        id,
      );
      if (before.cancelled) counts.added++;
      else {
        counts.moved++;
        recount.push({ pcId: before.pcId, startsAt: before.startsAt });
      }
      pcIds.add(before.pcId).add(to.pcId);
    }
    for (const { id, code } of diff.recode) {
      const columns = codeColumns(site.codeKey, code);
      db.prepare('UPDATE bookings SET code_hash = ?, code_sealed = ?, updated_at = ? WHERE id = ?').run(columns.codeHash, columns.codeSealed, now, id);
      pcIds.add(known.find((k) => k.id === id)!.pcId);
    }
    for (const k of diff.cancel) {
      if (store.cancelBooking(k.id, now)) {
        counts.cancelled++;
        recount.push({ pcId: k.pcId, startsAt: k.startsAt });
        pcIds.add(k.pcId);
      }
    }
    if (counts.added || counts.moved || counts.cancelled || diff.recode.length) {
      store.audit(now, actor, 'booking source synced', sourceId, { added: counts.added, moved: counts.moved, cancelled: counts.cancelled, codes: diff.recode.length, conflicts: counts.conflicts });
    }
    return { counts, pcIds: [...pcIds], problems, recount };
  });
}
