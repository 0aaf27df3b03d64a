import { minutesOf } from '../core/usage';
import type { EndReason, FeedbackScore, Session } from '../core/session-machine';
import type { ResetReceipt } from '../core/wipe-plan';
import { BookingRepo } from './bookings';
import { openDatabase, type Db } from './database';
import { SessionRepo, type StoredSession } from './sessions';
import { UsageEventRepo } from './usage-events';

/**
 * The PC's database and the transactions the kiosk needs: each state change
 * and the usage event that records it commit together or not at all, and
 * each event's id names the fact it records, so nothing is lost or doubled.
 */
export class KioskStore {
  readonly db: Db;
  readonly bookings: BookingRepo;
  readonly sessions: SessionRepo;
  readonly events: UsageEventRepo;
  private readonly pcId: string;

  constructor(file: string, pcId: string) {
    this.db = openDatabase(file);
    this.pcId = pcId;
    this.bookings = new BookingRepo(this.db);
    this.sessions = new SessionRepo(this.db);
    this.events = new UsageEventRepo(this.db);
  }

  /**
   * Records a session's start. A booking checked in again (the PC crashed,
   * or the resident ended by mistake) is the same visit: its start is
   * recorded as resumed, so the figures count the booking once while the
   * minutes of each part still add up.
   */
  recordStart(session: Session): void {
    this.db.transaction(() => {
      const resumed = session.bookingId !== undefined && this.sessions.ofBooking(session.bookingId).length > 0;
      this.sessions.insert(this.pcId, session);
      this.events.append(`${session.id}:started`, session.startedAt, this.pcId, {
        type: 'session-started',
        kind: session.kind,
        language: session.language,
        ...(resumed ? { resumed: true as const } : {}),
      });
    })();
  }

  /** Closes a session and records its end; `usedMs` is how long it really ran. */
  recordEnd(session: Pick<StoredSession, 'id' | 'kind' | 'language'>, reason: EndReason, endedAt: number, usedMs: number): void {
    this.db.transaction(() => {
      if (!this.sessions.close(session.id, reason, endedAt)) return;
      this.events.append(`${session.id}:ended`, endedAt, this.pcId, {
        type: 'session-ended',
        kind: session.kind,
        language: session.language,
        minutes: minutesOf(usedMs),
        reason,
      });
    })();
  }

  recordFeedback(sessionId: string, score: FeedbackScore, at: number): void {
    this.events.append(`${sessionId}:feedback`, at, this.pcId, { type: 'feedback', score });
  }

  saveReceipt(receipt: ResetReceipt): void {
    this.sessions.saveReceipt(receipt.sessionId, receipt);
  }

  /**
   * Closes every session left open by a crash or power cut as "interrupted",
   * at the last moment it was known to be running, and returns the sessions
   * that still need a wipe.
   */
  closeInterrupted(): StoredSession[] {
    for (const s of this.sessions.open(this.pcId)) {
      // Known to have run until its last heartbeat, and never beyond its planned end.
      const endedAt = Math.max(s.startedAt, Math.min(s.aliveAt, s.plannedEnd));
      this.recordEnd(s, 'interrupted', endedAt, endedAt - s.startedAt);
    }
    return this.sessions.unwiped(this.pcId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
