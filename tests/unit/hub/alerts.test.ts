/**
 * A PC out of service alerts the advisors like a help call: the hub's
 * alert logic (main/hub/alerts.ts, main/core/pc-alert.ts) on a real SQLite
 * file, with time as data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertChange, outOfServiceCause } from '../../../main/core/pc-alert';
import { TestTime } from '../../../main/core/test-time';
import { sitePolicySchema } from '../../../main/config/policy';
import { alertRepeatSeconds, PcAlerts } from '../../../main/hub/alerts';
import { HubError } from '../../../main/hub/bookings';
import { HubStore } from '../../../main/hub/hub-store';
import { createMemoryLogger } from '../../../main/log/logger';
import type { KioskStatus, PcAlertView } from '../../../preload/hub-contract';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const OUT: KioskStatus = { phase: 'out-of-service', outOfService: { reason: 'probe: the probe found data left behind' } };
const WELCOME: KioskStatus = { phase: 'welcome' };

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function hubFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'tupa-alerts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'hub.sqlite');
}

/** A hub's alerts on a real database, with what the consoles and the phone were told. */
function setup(file = hubFiles(), time = new TestTime('manual', T0)) {
  const store = new HubStore(file);
  cleanups.push(() => store.close());
  if (!store.pc('pc-1')) store.pairPc('pc-1', 'Tietokone 1', 'Raatipirtti', Buffer.alloc(32, 1), time.now());
  const consoles: PcAlertView[] = [];
  const phone: PcAlertView[] = [];
  const logger = createMemoryLogger();
  const alerts = new PcAlerts({ store, clock: time, logger, listeners: { changed: (a) => consoles.push(a), raised: (a) => phone.push(a) } });
  return { store, alerts, consoles, phone, time, logger, file };
}

describe('why a PC is out of service, as the advisor reads it', () => {
  it('tells a failed clearing step, a failed check and anything else apart', () => {
    expect(outOfServiceCause('probe: the probe found data left behind')).toBe('probe');
    expect(outOfServiceCause('probe: the probe returned no counts')).toBe('probe');
    expect(outOfServiceCause('clear-cache: simulated failure')).toBe('wipe');
    expect(outOfServiceCause('delete-downloads: EBUSY')).toBe('wipe');
    expect(outOfServiceCause('wipe failed')).toBe('wipe');
    expect(outOfServiceCause('web view safeguard failed: the partition was reused')).toBe('other');
    expect(outOfServiceCause('the reset receipt could not be saved: SQLITE_FULL')).toBe('other');
    expect(outOfServiceCause('nonsense: made up')).toBe('other');
  });

  it('raises once per spell out of service and clears when the PC is back', () => {
    expect(alertChange(undefined, 'out-of-service')).toBe('raise');
    expect(alertChange({ state: 'raised' }, 'out-of-service')).toBe('none');
    expect(alertChange({ state: 'acknowledged' }, 'out-of-service')).toBe('none');
    expect(alertChange({ state: 'cleared' }, 'out-of-service')).toBe('raise');
    expect(alertChange({ state: 'acknowledged' }, 'welcome')).toBe('clear');
    expect(alertChange(undefined, 'active')).toBe('none');
  });
});

describe('a PC out of service alerts the advisors', () => {
  it('a failed probe raises one alert for the consoles and the phone, however often the PC repeats it; IT finds the PC\'s own words in the audit log', () => {
    const { alerts, consoles, phone, store, logger } = setup();
    alerts.statusChanged('pc-1', OUT);
    alerts.statusChanged('pc-1', OUT);
    alerts.statusChanged('pc-1', { ...OUT, lastWipe: { at: T0, ok: false } });

    expect(phone).toHaveLength(1);
    expect(consoles).toHaveLength(1);
    expect(phone[0]).toMatchObject({ pcId: 'pc-1', kind: 'out-of-service', cause: 'probe', state: 'raised', raisedAt: T0, detail: OUT.outOfService!.reason });
    expect(alerts.list(T0)).toEqual([phone[0]]);
    const audit = store.auditLog(10).find((row) => row.action === 'pc out of service')!;
    expect(audit).toMatchObject({ actor: 'pc:pc-1', subject: phone[0]!.id });
    expect(JSON.parse(audit.details!)).toEqual({ pcId: 'pc-1', cause: 'probe', reason: OUT.outOfService!.reason });
    // The log has the cause, not the PC's words.
    expect(JSON.stringify(logger.lines)).not.toContain('left behind');
  });

  it('an advisor acknowledges it: every console hears, the phone is not woken again, a second press changes nothing', () => {
    const { alerts, consoles, phone, time } = setup();
    alerts.statusChanged('pc-1', OUT);
    const id = phone[0]!.id;
    time.jumpWall(90_000);
    const acknowledged = alerts.acknowledge(id, 'maija', time.now());
    expect(acknowledged).toMatchObject({ state: 'acknowledged', advisor: 'maija', acknowledgedAt: T0 + 90_000 });
    expect(consoles.at(-1)).toEqual(acknowledged);
    expect(alerts.state(id)).toBe('acknowledged');

    expect(alerts.acknowledge(id, 'pekka', time.now() + 1_000)).toEqual(acknowledged);
    expect(consoles).toHaveLength(2);
    expect(phone).toHaveLength(1);
    expect(() => alerts.acknowledge('8d7d2f7e-1111-4a43-9a1e-000000000000', 'maija', time.now())).toThrow(HubError);
  });

  it('the PC back in service clears the alert; failing again raises a new one', () => {
    const { alerts, consoles, phone, time } = setup();
    alerts.statusChanged('pc-1', OUT);
    time.jumpWall(60_000);
    alerts.statusChanged('pc-1', WELCOME);
    expect(consoles.at(-1)).toMatchObject({ id: phone[0]!.id, state: 'cleared', clearedAt: T0 + 60_000 });
    // The board keeps today's cleared alert (from the start of the day given), not older ones.
    expect(alerts.list(T0).map((a) => a.state)).toEqual(['cleared']);
    expect(alerts.list(T0 + 120_000)).toEqual([]);

    alerts.statusChanged('pc-1', { phase: 'out-of-service', outOfService: { reason: 'clear-cache: simulated failure' } });
    expect(phone).toHaveLength(2);
    expect(phone[1]).toMatchObject({ cause: 'wipe', state: 'raised' });
    expect(phone[1]!.id).not.toBe(phone[0]!.id);
  });

  it('a revoked PC\'s alert leaves the board', () => {
    const { alerts, store, time } = setup();
    alerts.statusChanged('pc-1', OUT);
    expect(alerts.list(T0)).toHaveLength(1);
    store.revokePc('pc-1', time.now());
    expect(alerts.list(T0)).toEqual([]);
  });
});

describe('the hub restarts', () => {
  it('an acknowledged alert comes back acknowledged and nothing is raised twice', () => {
    const first = setup();
    first.alerts.statusChanged('pc-1', OUT);
    first.store.setStatus('pc-1', OUT, T0);
    const id = first.phone[0]!.id;
    first.alerts.acknowledge(id, 'maija', T0 + 5_000);
    first.store.close();

    const second = setup(first.file, new TestTime('manual', T0 + 3_600_000));
    second.alerts.start();
    expect(second.phone).toEqual([]);
    expect(second.alerts.list(T0)).toEqual([expect.objectContaining({ id, state: 'acknowledged', advisor: 'maija', acknowledgedAt: T0 + 5_000, cause: 'probe' })]);
    // The PC reconnects and says again that it is out of service: still the same alert.
    second.alerts.statusChanged('pc-1', OUT);
    expect(second.phone).toEqual([]);
  });

  it('a PC that went back into service while the hub was down is cleared; one out of service with no alert on record raises one', () => {
    const first = setup();
    first.alerts.statusChanged('pc-1', OUT);
    first.store.setStatus('pc-1', WELCOME, T0 + 1_000);
    first.store.pairPc('pc-2', 'Tietokone 2', 'Raatipirtti', Buffer.alloc(32, 2), T0);
    first.store.setStatus('pc-2', { phase: 'out-of-service', outOfService: { reason: 'wipe failed' } }, T0);
    first.store.close();

    const second = setup(first.file, new TestTime('manual', T0 + 60_000));
    second.alerts.start();
    expect(second.phone.map((a) => [a.pcId, a.cause])).toEqual([['pc-2', 'wipe']]);
    expect(second.alerts.state(first.phone[0]!.id)).toBe('cleared');
  });
});

describe('the consoles\' reminder interval', () => {
  it('is the policy\'s, and 30 s for a stored policy from before the field (kept as saved when it no longer parses)', () => {
    expect(alertRepeatSeconds(sitePolicySchema.parse({ help: { alertRepeatSeconds: 45 } }))).toBe(45);
    const old = sitePolicySchema.parse({}) as unknown as { help: Record<string, unknown> };
    delete old.help.alertRepeatSeconds;
    expect(alertRepeatSeconds(old as never)).toBe(30);
  });
});
