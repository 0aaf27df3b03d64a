import { vi } from 'vitest';
import type { Handlers } from '../../../main/api/router';
import type { KioskMethods, KioskSnapshot } from '../../../preload/contract';

/** A snapshot that satisfies the contract: a free PC on the welcome screen. */
export function welcomeSnapshot(rev = 1): KioskSnapshot {
  return {
    rev,
    now: Date.UTC(2026, 5, 1, 9, 0),
    pc: { id: 'pc-1', name: 'Tietokone 1' },
    room: { name: 'Asukastupa' },
    timeZone: 'Europe/Helsinki',
    locales: { default: 'fi', available: ['fi', 'sv', 'en', 'se'] },
    phase: 'welcome',
    schedule: {},
    walkIn: { allowed: true, until: Date.UTC(2026, 5, 1, 10, 0) },
    checkIn: {},
    tiles: [],
    zoom: { min: 50, max: 300, step: 10 },
    usageRetentionDays: 90,
    opening: { open: true },
  };
}

/** Handlers for every kiosk method, each a spy that answers within the contract. */
export function fakeKioskHandlers() {
  const ok = { ok: true as const };
  const handlers = {
    'kiosk.getSnapshot': vi.fn(() => welcomeSnapshot()),
    'kiosk.checkIn': vi.fn(() => ({ result: 'ok' as const })),
    'kiosk.startWalkIn': vi.fn(() => ({ result: 'ok' as const })),
    'kiosk.endSession': vi.fn(() => ok),
    'kiosk.extendSession': vi.fn(() => ({ result: 'refused' as const, reason: 'no-session' as const })),
    'kiosk.reportActivity': vi.fn(() => ok),
    'kiosk.confirmPresence': vi.fn(() => ok),
    'kiosk.setLanguage': vi.fn(() => ok),
    'kiosk.zoom': vi.fn(() => ({ percent: 125 })),
    'kiosk.openTile': vi.fn(() => ({ ok: true })),
    'kiosk.goHome': vi.fn(() => ok),
    'kiosk.setWebArea': vi.fn(() => ok),
    'kiosk.navigate': vi.fn(() => ok),
    'kiosk.chooseFiles': vi.fn(() => ok),
    'kiosk.dismissNotice': vi.fn(() => ok),
    'kiosk.requestHelp': vi.fn(() => ({ result: 'sending' as const })),
    'kiosk.cancelHelp': vi.fn(() => ok),
    'kiosk.dismissHelp': vi.fn(() => ok),
    'kiosk.maintenance.unlock': vi.fn(() => ({ result: 'wrong' as const })),
    'kiosk.maintenance.lock': vi.fn(() => ok),
    'kiosk.maintenance.inspectHub': vi.fn(() => ({ result: 'ok' as const, address: 'https://hub:8443', fingerprint: 'AB:CD' })),
    'kiosk.maintenance.pair': vi.fn(() => ({ result: 'ok' as const, siteName: 'Raatipirtti' })),
    'kiosk.submitFeedback': vi.fn(() => ok),
    'kiosk.skipFeedback': vi.fn(() => ok),
    'kiosk.queue.take': vi.fn(() => ({ result: 'unavailable' as const })),
    'kiosk.queue.start': vi.fn(() => ({ result: 'not-called' as const })),
    'kiosk.selfBooking': vi.fn(() => ({ kind: 'unavailable' as const })),
    'kiosk.print.prepare': vi.fn(() => ({ result: 'refused' as const, reason: 'off' as const })),
    'kiosk.print.check': vi.fn(() => ({ result: 'refused' as const, reason: 'no-offer' as const, left: 0 })),
    'kiosk.print.confirm': vi.fn(() => ({ result: 'refused' as const, reason: 'no-offer' as const, left: 0 })),
    'kiosk.print.cancel': vi.fn(() => ok),
    'kiosk.print.dismiss': vi.fn(() => ok),
    'kiosk.print.readFile': vi.fn(() => ({ result: 'refused' as const, reason: 'no-file' as const })),
    'kiosk.remote.ask': vi.fn(() => ({ result: 'unavailable' as const })),
    'kiosk.remote.consent': vi.fn(() => ({ result: 'not-now' as const })),
    'kiosk.remote.signal': vi.fn(() => ok),
    'kiosk.remote.chat': vi.fn(() => ok),
    'kiosk.remote.stop': vi.fn(() => ok),
    'kiosk.remote.dismiss': vi.fn(() => ok),
  } satisfies Handlers<KioskMethods>;
  return handlers;
}

/** How many times any handler ran. */
export function totalHandlerCalls(handlers: ReturnType<typeof fakeKioskHandlers>): number {
  return Object.values(handlers).reduce((sum, fn) => sum + fn.mock.calls.length, 0);
}
