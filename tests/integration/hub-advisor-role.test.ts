import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../main/config/load';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { startHeadlessHub } from '../../main/hub/headless';
import type { Hub } from '../../main/hub/compose';
import { inspectHub, pairWithHub } from '../../main/kiosk/pairing';
import { consoleUrl, hubCertificateDecision } from '../../main/shell/policy/advisor-policy';
import { request, startPc, stopAll, tempDir, until, waitOnline } from './hub-support';

// The hub inside the advisor's Electron app (role "advisor"): composed as
// main/index.ts does, without the window (which needs Electron; its
// decisions are unit-tested and its _electron test runs where a binary is).

const ROOT = resolve(import.meta.dirname, '../..');
const hubs: Hub[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop();
  await stopAll();
});

async function startAdvisorApp(dataDir: string) {
  const config = parseConfig({ role: 'advisor', room: { name: 'Digituki' }, hub: { siteName: 'Kirjasto Itä', listen: { host: '127.0.0.1', port: 8443 } } }, 'test');
  expect(config.role).toBe('advisor');
  const started = await startHeadlessHub({
    config,
    dataDir,
    clock: systemClock,
    scheduler: new NodeScheduler(systemClock),
    logger: createMemoryLogger(),
    rendererDir: join(ROOT, 'out', 'renderer'),
    listen: { host: '127.0.0.1', port: 0 },
  });
  hubs.push(started.hub);
  return started.hub;
}

/** The certificate the hub presents on loopback, as the window's certificate check receives it. */
function presentedCertificate(port: number): Promise<string> {
  return new Promise((resolvePem, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const pem = socket.getPeerX509Certificate()!.toString();
      socket.end();
      resolvePem(pem);
    });
    socket.on('error', reject);
  });
}

describe('the hub in the advisor\'s app', () => {
  it('serves its console to the window, which trusts exactly the certificate it presents', async (context) => {
    const hub = await startAdvisorApp(tempDir('tupa-advisor-'));
    const presented = await presentedCertificate(hub.port);
    expect(hubCertificateDecision('localhost', presented, hub.store.site()!.serverCert)).toBe('trust');
    const other = await startAdvisorApp(tempDir('tupa-advisor-'));
    expect(hubCertificateDecision('localhost', await presentedCertificate(other.port), hub.store.site()!.serverCert)).toBe('refuse');

    const url = new URL(consoleUrl(hub.port));
    expect(url.hostname).toBe('localhost');
    if (!existsSync(join(ROOT, 'out/renderer/advisor/index.html'))) {
      context.skip('the advisor console is not built (run `npm run build`)');
      return;
    }
    const page = await request({ address: `https://127.0.0.1:${hub.port}`, caPem: hub.caPem }, 'GET', url.pathname);
    expect(page.status).toBe(200);
    expect(page.text).toBe(readFileSync(join(ROOT, 'out/renderer/advisor/index.html'), 'utf8'));
    // Its assets load; the kiosk's own pages are not served on the hub's origin.
    const asset = /src="\.\.\/assets\/([^"]+\.js)"/.exec(page.text)![1]!;
    const at = { address: `https://127.0.0.1:${hub.port}`, caPem: hub.caPem };
    expect((await request(at, 'GET', `/assets/${asset}`)).status).toBe(200);
    expect((await request(at, 'GET', '/kiosk/index.html')).status).toBe(404);
    expect((await request(at, 'GET', '/assets/../kiosk/index.html')).status).toBe(404);
  });

  it('is the site hub: a room PC pairs with it and comes online', async () => {
    const hub = await startAdvisorApp(tempDir('tupa-advisor-'));
    const address = `https://127.0.0.1:${hub.port}`;
    const { code } = hub.services.pairingCode('neuvoja');
    const inspected = await inspectHub(address);
    expect(inspected.fingerprint).toBe(hub.caFingerprint);
    const paired = await pairWithHub(address, inspected.caPem, code, { pcId: 'pc-1', name: 'Tietokone 1', room: 'Digituki' });
    const pc = await startPc({
      id: 'pc-1',
      connection: { address, caPem: inspected.caPem, caFingerprint: inspected.fingerprint, deviceToken: paired.deviceToken, siteName: paired.siteName, codeKey: paired.codeKey },
    });
    await waitOnline(pc);
    await until('the hub sees the PC online', () => hub.services.kiosks.isOnline('pc-1'));
    expect(paired.siteName).toBe('Kirjasto Itä');
  });
});
