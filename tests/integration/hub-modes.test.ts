/**
 * The three ways the hub runs, each from the same createHub: embedded in a
 * kiosk process (a one-PC site, the default), headless on a server with PCs
 * paired to it, and inside the advisor's app serving the console.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../main/config/load';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createKioskCore } from '../../main/kiosk/compose';
import { attachHub } from '../../main/kiosk/hub-attachment';
import { inspectHub, pairWithHub, writePairing } from '../../main/kiosk/pairing';
import { setMaintenancePin } from '../../main/kiosk/maintenance';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import { createMemoryLogger } from '../../main/log/logger';
import type { BookingView } from '../../preload/hub-contract';
import { ROOT } from './support';
import { ADVISOR, HELP_ALWAYS, advisorSocket, iso, onStop, request, signIn, startHub, stopAll, tempDir, until, type TestHub } from './hub-support';

afterEach(stopAll);

/** A kiosk process as main/index.ts composes it: attachHub first, then the core with it. */
async function kioskProcess(dataDir: string, config: Record<string, unknown>) {
  const clock = systemClock;
  const scheduler = new NodeScheduler(clock);
  const logger = createMemoryLogger();
  const parsed = parseConfig(config, 'test');
  const attachment = await attachHub({ config: parsed, dataDir, clock, scheduler, logger, release: 'test', listen: { host: '127.0.0.1', port: 0 } });
  const core = await createKioskCore({ config: parsed, dataDir, clock, scheduler, shell: new RecordingShell(), logger, isAllowedSender: () => true, hub: attachment });
  onStop(async () => {
    await attachment.stop();
    core.close();
  });
  return { attachment, core, logger };
}

describe('the three ways the hub runs', () => {
  it('embedded: a kiosk with no pairing runs its own hub, is paired with it and online; a booking made there checks in', async () => {
    const dataDir = tempDir('tupa-pc-');
    const { attachment, core } = await kioskProcess(dataDir, { pc: { id: 'pc-1', name: 'Tietokone 1' }, room: { name: 'Raatipirtti' }, help: HELP_ALWAYS, hub: { embedded: true } });
    expect(attachment.mode).toBe('embedded');
    const hub = attachment.embeddedHub!;
    expect(hub).toBeDefined();
    expect(existsSync(join(dataDir, 'hub', 'hub.sqlite'))).toBe(true);
    await until('the PC online with its own hub', () => attachment.online);
    expect(core.controller.snapshot().maintenance?.hub).toMatchObject({ mode: 'embedded', state: 'online', siteName: 'Raatipirtti', caFingerprint: hub.caFingerprint });
    expect(core.controller.snapshot().help?.hubOnline).toBe(true);

    await hub.services.addAdvisor(ADVISOR.name, ADVISOR.password, true);
    const th: Pick<TestHub, 'address' | 'caPem' | 'origin'> = { address: `https://127.0.0.1:${hub.port}`, caPem: hub.caPem, origin: `https://127.0.0.1:${hub.port}` };
    const advisor = await signIn(th as TestHub);
    const board = await advisor.board();
    expect(board.pcs).toEqual([expect.objectContaining({ id: 'pc-1', paired: true, online: true, revoked: false })]);

    // Codes are made at the embedded hub and check in on its own PC.
    const now = Date.now();
    const created = await advisor.call<{ booking: BookingView; code: string }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now - 60_000), end: iso(now + 30 * 60_000) });
    expect(created.status).toBe(200);
    await until('the booking reaches the PC', () => core.store.bookings.live('pc-1', Date.now()).length === 1);
    expect(core.controller.checkIn(created.body.code, 'fi')).toEqual({ result: 'ok' });

    // Help calls go through it too.
    const desk = await advisorSocket(th as TestHub, advisor.token);
    core.controller.requestHelp();
    await desk.next('the call', (e) => e.type === 'help' && e.call.pcId === 'pc-1');
  });

  it('embedded turned off and no pairing: a PC on its own, without help calls', async () => {
    const dataDir = tempDir('tupa-pc-');
    const { attachment, core } = await kioskProcess(dataDir, { pc: { id: 'pc-1' }, hub: { embedded: false } });
    expect(attachment.mode).toBe('none');
    expect(attachment.embeddedHub).toBeUndefined();
    expect(core.controller.snapshot().help).toBeUndefined();
    expect(core.controller.requestHelp()).toBe('unavailable');
  });

  it('headless: createHub alone, and a separate kiosk process pairs with it (the pairing on file wins over embedding)', async () => {
    const th = await startHub({ siteName: 'Keskustan asukastupa' });
    const advisor = await signIn(th);
    const { code, caFingerprint } = (await advisor.call<{ code: string; caFingerprint: string }>('POST', '/api/pairing-codes', {})).body;

    const dataDir = tempDir('tupa-pc-');
    const inspected = await inspectHub(th.address);
    expect(inspected.fingerprint).toBe(caFingerprint);
    const paired = await pairWithHub(th.address, inspected.caPem, code, { pcId: 'pc-7', name: 'Tietokone 7', room: 'Kirjasto' });
    writePairing(dataDir, {
      address: th.address,
      caPem: inspected.caPem,
      caFingerprint: inspected.fingerprint,
      deviceToken: paired.deviceToken,
      pcId: 'pc-7',
      siteName: paired.siteName,
      pairedAt: Date.now(),
    });
    // Embedded is on by default; the pairing on file wins.
    const { attachment, core } = await kioskProcess(dataDir, { pc: { id: 'pc-7', name: 'Tietokone 7' }, room: { name: 'Kirjasto' }, help: HELP_ALWAYS });
    expect(attachment.mode).toBe('paired');
    expect(attachment.embeddedHub).toBeUndefined();
    expect(existsSync(join(dataDir, 'hub'))).toBe(false);
    await until('the PC online with the headless hub', () => attachment.online);
    expect(core.controller.snapshot().maintenance?.hub).toMatchObject({ mode: 'paired', state: 'online', siteName: 'Keskustan asukastupa' });
    await until('the board shows it', async () => (await advisor.board()).pcs.some((p) => p.id === 'pc-7' && p.online && p.room === 'Kirjasto'));
  });

  it('a PC that ran its own hub pairs with the site\'s headless hub: its embedded hub stops and it moves over', async () => {
    const site = await startHub({ siteName: 'Keskustan asukastupa' });
    const advisor = await signIn(site);
    const dataDir = tempDir('tupa-pc-');
    const { attachment, core } = await kioskProcess(dataDir, { pc: { id: 'pc-2', name: 'Tietokone 2' }, help: HELP_ALWAYS });
    expect(attachment.mode).toBe('embedded');
    const embedded = attachment.embeddedHub!;
    await until('online with its own hub', () => attachment.online);

    await setMaintenancePin(dataDir, '987654');
    const maintenance = core.maintenance!;
    expect((await maintenance.unlock('987654')).result).toBe('ok');
    const inspected = await maintenance.inspect(site.address);
    expect(inspected).toMatchObject({ result: 'ok', fingerprint: site.hub.caFingerprint });
    const { code } = (await advisor.call<{ code: string }>('POST', '/api/pairing-codes', {})).body;
    expect(await maintenance.pair(site.address, site.hub.caFingerprint, code)).toEqual({ result: 'ok', siteName: 'Keskustan asukastupa' });

    expect(attachment.mode).toBe('paired');
    expect(attachment.embeddedHub).toBeUndefined();
    await until('online with the site hub', () => attachment.online && attachment.status().address === site.address);
    // The embedded hub no longer listens.
    await expect(request({ address: `https://127.0.0.1:${embedded.port}`, caPem: embedded.caPem }, 'GET', '/api/ca')).rejects.toThrow(/ECONNREFUSED/);
    // A booking made at the site hub checks in with the site's code key.
    const now = Date.now();
    const created = await advisor.call<{ booking: BookingView; code: string }>('POST', '/api/bookings', { pcId: 'pc-2', start: iso(now - 60_000), end: iso(now + 20 * 60_000) });
    await until('the booking reaches the PC', () => core.store.bookings.live('pc-2', Date.now()).some((b) => b.id === created.body.booking.id));
    expect(core.controller.checkIn(created.body.code, 'fi')).toEqual({ result: 'ok' });
  });

  it('inside the advisor\'s app: the same createHub serves the advisor console over HTTPS', async (context) => {
    const rendererDir = join(ROOT, 'out', 'renderer');
    const th = await startHub({ rendererDir });
    // The API is there either way.
    expect((await request(th, 'GET', '/api/ca')).status).toBe(200);
    expect((await signIn(th)).token).toBeTruthy();
    if (!existsSync(join(rendererDir, 'advisor', 'index.html'))) {
      context.skip('the advisor console is not built (out/renderer/advisor/index.html is missing; run `npm run build`)');
      return;
    }
    const page = await request(th, 'GET', '/advisor/index.html');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/text\/html/);
    expect(page.text).toBe(readFileSync(join(rendererDir, 'advisor', 'index.html'), 'utf8'));
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(page.headers['strict-transport-security']).toBeTruthy();
    const root = await request(th, 'GET', '/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/advisor/');
    const index = await request(th, 'GET', '/advisor/');
    expect(index.status).toBe(200);
    // The hub's own database and keys are not served.
    expect((await request(th, 'GET', '/../hub.sqlite')).status).toBe(404);
  });
});
