import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { MINUTE } from '../core/clock';
import { generateCode, hashCode } from '../core/codes';
import type { KioskConfigInput } from '../config/schema';
import { DEFAULT_TILES } from '../config/schema';
import type { KioskStore } from '../store/kiosk-store';
import { RESIDENT_LOCALES } from '../../preload/contract';

/** The demo PC: a small room at an imagined drop-in centre. */
export function demoConfig(options: { testLocales: boolean; webhooks?: readonly string[]; pc?: number }): KioskConfigInput {
  const n = options.pc ?? 1;
  const always = [{ from: '00:00', to: '24:00' }];
  return {
    // The demo advisor is always on duty, and can be reached by these webhooks too.
    help: { phone: '040 123 4567', hours: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always } },
    hub: { webhooks: (options.webhooks ?? []).map((url) => ({ url, format: 'json' as const })) },
    pc: { id: `demo-pc-${n}`, name: `Tietokone ${n}` },
    room: { name: 'Raatipirtti' },
    locales: { default: 'fi', available: options.testLocales ? [...RESIDENT_LOCALES, 'en-XA', 'ar-XB'] : [...RESIDENT_LOCALES] },
    web: { mediaOrigins: ['https://video.example.fi'] },
    tiles: [
      ...DEFAULT_TILES,
      {
        id: 'mental-health-contact',
        url: 'https://www.example.fi/mielenterveys/yhteydenotto',
        label: {
          fi: 'Ota yhteyttä nimettömästi',
          sv: 'Kontakta anonymt',
          en: 'Contact us anonymously',
          se: 'Váldde oktavuođa namahemiid',
        },
        description: {
          fi: 'Kaupungin mielenterveyspalvelut',
          sv: 'Stadens mentalvårdstjänster',
          en: 'The city\'s mental-health services',
          se: 'Gávpoga psykalaš dearvvašvuođabálvalusat',
        },
      },
    ],
  };
}

import type { Hub } from '../hub/compose';

export interface DemoBooking {
  code: string;
  startsAt: number;
  endsAt: number;
  note: string;
}

/** The demo's "now" booking lasts this long: long enough to try a session, with every warning (10, 5 and 1 minutes). */
export const DEMO_NOW_MINUTES = 20;

/** One booking that can be used right now for about 20 minutes, one later today, one tomorrow morning. */
function demoPlan(now: number, zone: string): Omit<DemoBooking, 'code'>[] {
  const minute = Math.floor(now / MINUTE) * MINUTE;
  const tomorrow = DateTime.fromMillis(now, { zone }).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const plan = [
    { startsAt: minute - MINUTE, endsAt: minute + DEMO_NOW_MINUTES * MINUTE, note: `now: ends in about ${DEMO_NOW_MINUTES} minutes` },
    { startsAt: minute + 90 * MINUTE, endsAt: minute + 150 * MINUTE, note: 'later today' },
    { startsAt: tomorrow, endsAt: tomorrow + 60 * MINUTE, note: 'tomorrow' },
  ];
  return plan;
}

/**
 * Demo bookings: one that can be used right now for about 20 minutes (long
 * enough to try things, and to watch its warnings and its end), one later
 * today, one tomorrow morning.
 */
export function seedDemoBookings(store: KioskStore, pcId: string, key: Buffer, now: number, zone: string): DemoBooking[] {
  const plan = demoPlan(now, zone);
  return plan.map((p) => {
    const code = generateCode();
    store.bookings.add({ id: randomUUID(), pcId, startsAt: p.startsAt, endsAt: p.endsAt, codeHash: hashCode(key, code) }, now);
    return { code, ...p };
  });
}

/** The same demo bookings, made at the site hub (which makes the codes) as an advisor would. */
export function seedDemoBookingsAtHub(hub: Hub, pcId: string, now: number, zone: string): DemoBooking[] {
  if (hub.store.liveBookings(now, pcId).length > 0) return [];
  const plan = demoPlan(now, zone);
  // Made a minute early, so the first one (already begun) is not refused as in the past.
  return plan.map((p) => {
    const iso = (at: number) => new Date(at).toISOString();
    const made = hub.services.bookings.create({ pcId, start: iso(p.startsAt), end: iso(p.endsAt) }, 'system:preview', now - MINUTE);
    return { code: made.code, ...p };
  });
}

/** A small deterministic random source (mulberry32), so the demo's history is the same every start. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Two months of past weekdays at the demo hub, as if the PC had been in use
 * (sessions, feedback, help calls), so the console's and the city's charts
 * have something to show. Ids are fixed per day, so a restart adds nothing.
 */
export function seedDemoHistory(hub: Hub, pcId: string, now: number, zone: string, days = 60): number {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const languages = ['fi', 'fi', 'fi', 'fi', 'fi', 'fi', 'en', 'en', 'sv', 'so', 'ar'];
  const reasons = ['time-up', 'time-up', 'resident', 'resident', 'resident', 'idle', 'advisor'];
  const faces = ['good', 'good', 'good', 'ok', 'bad'];
  let added = 0;
  for (let back = days; back >= 1; back--) {
    const day = today.minus({ days: back });
    if (day.weekday > 5) continue;
    const random = seeded(Number(day.toFormat('yyyyMMdd')));
    const events: Array<{ id: string; at: number; type: string; data: Record<string, unknown> }> = [];
    const sessions = 3 + Math.floor(random() * 6);
    for (let i = 0; i < sessions; i++) {
      const at = day.set({ hour: 9 + Math.floor(random() * 8), minute: Math.floor(random() * 60) }).toMillis();
      const kind = random() < 0.6 ? 'booked' : 'walk-in';
      const language = languages[Math.floor(random() * languages.length)]!;
      const minutes = 15 + Math.floor(random() * 50);
      const id = `demo-history:${day.toISODate()}:${i}`;
      events.push({ id: `${id}:started`, at, type: 'session-started', data: { kind, language } });
      events.push({ id: `${id}:ended`, at: at + minutes * MINUTE, type: 'session-ended', data: { kind, language, minutes, reason: reasons[Math.floor(random() * reasons.length)] } });
      if (random() < 0.6) events.push({ id: `${id}:feedback`, at: at + minutes * MINUTE, type: 'feedback', data: { score: faces[Math.floor(random() * faces.length)] } });
      if (random() < 0.25) {
        const toAcknowledgeSeconds = 10 + Math.floor(random() * 240);
        events.push({ id: `${id}:help-requested`, at: at + 5 * MINUTE, type: 'help-requested', data: {} });
        events.push({ id: `${id}:help`, at: at + 5 * MINUTE, type: 'help-call', data: { outcome: 'resolved', toAcknowledgeSeconds, toResolveSeconds: toAcknowledgeSeconds + 60 + Math.floor(random() * 900) } });
      }
    }
    added += hub.ledger.record(pcId, events, now);
  }
  return added;
}
