import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { MINUTE } from '../core/clock';
import { generateCode, hashCode } from '../core/codes';
import type { KioskConfigInput } from '../config/schema';
import { DEFAULT_TILES } from '../config/schema';
import type { KioskStore } from '../store/kiosk-store';

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
    locales: { default: 'fi', available: options.testLocales ? ['fi', 'sv', 'en', 'se', 'en-XA', 'ar-XB'] : ['fi', 'sv', 'en', 'se'] },
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

/** One booking that can be used right now and ends in a few minutes, one later today, one tomorrow morning. */
function demoPlan(now: number, zone: string): Omit<DemoBooking, 'code'>[] {
  const minute = Math.floor(now / MINUTE) * MINUTE;
  const tomorrow = DateTime.fromMillis(now, { zone }).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const plan = [
    { startsAt: minute - MINUTE, endsAt: minute + 4 * MINUTE, note: 'now: ends in about 4 minutes' },
    { startsAt: minute + 90 * MINUTE, endsAt: minute + 150 * MINUTE, note: 'later today' },
    { startsAt: tomorrow, endsAt: tomorrow + 60 * MINUTE, note: 'tomorrow' },
  ];
  return plan;
}

/**
 * Demo bookings: one that can be used right now and ends in a few minutes
 * (so its end can be watched), one later today, one tomorrow morning.
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
