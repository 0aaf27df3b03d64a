import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { sitePolicySchema } from '../../main/config/policy';
import { createMemoryLogger } from '../../main/log/logger';
import { HubStore } from '../../main/hub/hub-store';
import { ensureSite } from '../../main/hub/site';
import { SelfBookingDesk } from '../../main/hub/self-booking';
import { percentile } from './stats';

const ZONE = 'Europe/Helsinki';
const MINUTE = 60_000;
const WEEKDAY = [{ from: '08:00', to: '20:00' }];

export interface FreeTimeResult {
  pcs: number;
  days: number;
  bookings: number;
  samples: number[];
  p50: number;
  p99: number;
  /** The same searches' CPU time (process.cpuUsage): what the search costs, apart from waiting for a busy machine's CPU. */
  cpuP99: number;
  /** The machine's 1-minute load average when measured. */
  load: number;
  /** Free times in one answer, on average. */
  timesPerAnswer: number;
}

/**
 * The hub's free-time search ("which times are free on this day?", what a
 * kiosk asks when a resident opens "Book a time") for a site of `pcs` PCs
 * with `bookings` bookings spread over `days` days: the SelfBookingDesk on
 * a real SQLite file, every day of the horizon asked `rounds` times.
 */
export async function measureFreeTimes(options = { pcs: 10, days: 14, bookings: 500, rounds: 20 }): Promise<FreeTimeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tupa-bench-free-'));
  const store = new HubStore(join(dir, 'hub.sqlite'));
  try {
    const now = DateTime.fromISO('2026-12-07T07:30', { zone: ZONE }).toMillis();
    const policy = sitePolicySchema.parse({
      openingHours: { hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: WEEKDAY, sun: WEEKDAY } },
      selfBooking: { daysAhead: options.days - 1, lengths: [30, 60], stepMinutes: 15, gapMinutes: 5 },
    });
    await ensureSite(store, { name: 'Bench', timeZone: ZONE, names: ['localhost'], policy, now });
    const pcIds = Array.from({ length: options.pcs }, (_, i) => `pc-${i + 1}`);
    pcIds.forEach((id, i) => store.pairPc(id, `Tietokone ${i + 1}`, i < 5 ? 'Olohuone' : 'Sali', Buffer.from(`bench-token-${i}`.padEnd(32, '.')), now));

    // Bookings without overlaps, 30–90 minutes inside opening hours, spread over the days and PCs (a seeded walk).
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const taken = new Map<string, Array<[number, number]>>();
    let made = 0;
    for (let attempt = 0; made < options.bookings && attempt < options.bookings * 50; attempt++) {
      const pcId = pcIds[Math.floor(random() * pcIds.length)]!;
      const day = DateTime.fromMillis(now, { zone: ZONE }).startOf('day').plus({ days: Math.floor(random() * options.days) });
      const startsAt = day.set({ hour: 8 }).toMillis() + Math.floor(random() * 44) * 15 * MINUTE;
      const endsAt = startsAt + (30 + Math.floor(random() * 3) * 30) * MINUTE;
      if (endsAt > day.set({ hour: 20 }).toMillis()) continue;
      const own = taken.get(pcId) ?? [];
      if (own.some(([s, e]) => startsAt < e && s < endsAt)) continue;
      own.push([startsAt, endsAt]);
      taken.set(pcId, own);
      store.addBooking({ id: `b-${made}`, pcId, startsAt, endsAt, codeHash: Buffer.alloc(32, made % 256) }, 'bench', now);
      made++;
    }

    const desk = new SelfBookingDesk({ store, logger: createMemoryLogger(), onChange: () => undefined });
    const dates = Array.from({ length: options.days }, (_, i) => DateTime.fromMillis(now, { zone: ZONE }).plus({ days: i }).toISODate()!);
    // Warm up (statement cache, JIT) with one round of every day, then measure.
    for (const date of dates) desk.times(date, now);
    const samples: number[] = [];
    const cpu: number[] = [];
    let times = 0;
    for (let round = 0; round < options.rounds; round++) {
      for (const date of dates) {
        const started = performance.now();
        const used = process.cpuUsage();
        const answer = desk.times(date, now);
        const spent = process.cpuUsage(used);
        samples.push(performance.now() - started);
        cpu.push((spent.user + spent.system) / 1000);
        if (answer.kind === 'times') times += answer.times.length;
      }
    }
    return {
      pcs: options.pcs,
      days: options.days,
      bookings: made,
      samples,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      cpuP99: percentile(cpu, 99),
      load: loadavg()[0]!,
      timesPerAnswer: Math.round(times / samples.length),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
