import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { join } from 'node:path';
import { parseConfig } from '../../main/config/load';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { startHeadlessHub } from '../../main/hub/headless';
import { hubOptionsFromConfig } from '../../main/hub/from-config';
import { runningHub } from '../../main/hub/pid-file';
import type { Hub } from '../../main/hub/compose';
import { removeTempDirs, tempDir } from './support';

// The hub on its own machine: started from a configuration file as
// `node out/main/hub.js` does, reachable over HTTPS with its own CA.

const started: Hub[] = [];
afterEach(async () => {
  for (const hub of started.splice(0)) await hub.stop();
  removeTempDirs();
});

const configInput = {
  pc: { id: 'hub-host', name: 'Palvelin' },
  room: { name: 'Digituki' },
  timeZone: 'Europe/Helsinki',
  hub: { siteName: 'Kirjasto Itä', hostnames: ['tupa-hub.local'], listen: { host: '127.0.0.1', port: 8443 } },
  help: { phone: '040 765 4321' },
};
const config = parseConfig(configInput, 'test');

async function start(dataDir: string, port = 0, options: { config?: typeof config; logger?: ReturnType<typeof createMemoryLogger> } = {}) {
  const scheduler = new NodeScheduler(systemClock);
  const result = await startHeadlessHub({
    config: options.config ?? config,
    dataDir,
    clock: systemClock,
    scheduler,
    logger: options.logger ?? createMemoryLogger(),
    rendererDir: join(dataDir, 'no-renderer'),
    listen: { host: '127.0.0.1', port },
  });
  started.push(result.hub);
  return result;
}

function getCa(port: number, caPem: string): Promise<{ status: number; body: { fingerprint: string } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/ca', ca: caPem, servername: 'localhost' }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a headless site hub', () => {
  it('makes its site from the configuration, serves HTTPS under its own CA and tells IT the next steps', async () => {
    const dataDir = tempDir('tupa-hub-');
    const { hub, summary } = await start(dataDir);
    expect(hub.store.site()).toMatchObject({ name: 'Kirjasto Itä', timeZone: 'Europe/Helsinki' });
    expect(hub.store.site()!.policy.help.phone).toBe('040 765 4321');
    const ca = await getCa(hub.port, hub.caPem);
    expect(ca.status).toBe(200);
    expect(ca.body.fingerprint).toBe(hub.caFingerprint);
    expect(summary).toContain(`advisor console: https://tupa-hub.local:${hub.port}/advisor/`);
    expect(summary).toContain(`status board (lobby screen, no sign-in): https://tupa-hub.local:${hub.port}/board/`);
    expect(summary).toContain(`site CA fingerprint: ${hub.caFingerprint}`);
    expect(summary.join('\n')).toContain(`no advisors yet: add one with  tupa --data-dir ${dataDir} hub advisor set NAME`);
    expect(existsSync(join(dataDir, 'hub', 'hub.sqlite'))).toBe(true);
    // It holds the site CA's key: readable by the hub's account only.
    if (process.platform !== 'win32') {
      expect(statSync(join(dataDir, 'hub', 'hub.sqlite')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'hub')).mode & 0o777).toBe(0o700);
    }
    expect(runningHub(join(dataDir, 'hub'))).toBe(process.pid);
  });

  it('keeps its site (the same CA) across restarts, and leaves no pid file when stopped', async () => {
    const dataDir = tempDir('tupa-hub-');
    const first = await start(dataDir);
    const fingerprint = first.hub.caFingerprint;
    await started.pop()!.stop();
    expect(runningHub(join(dataDir, 'hub'))).toBeUndefined();
    expect(existsSync(join(dataDir, 'hub', 'hub.pid'))).toBe(false);
    const second = await start(dataDir);
    expect(second.hub.caFingerprint).toBe(fingerprint);
  });

  it('leaves out of its certificate a name added later that the site CA may not sign for, and says so', async () => {
    const dataDir = tempDir('tupa-hub-');
    await start(dataDir);
    await started.pop()!.stop();
    const logger = createMemoryLogger();
    const later = parseConfig({ ...JSON.parse(JSON.stringify(configInput)), hub: { ...configInput.hub, hostnames: ['tupa-hub.local', 'tupa.example.com'] } }, 'test');
    const { hub } = await start(dataDir, 0, { config: later, logger });
    const san = new X509Certificate(hub.store.site()!.serverCert).subjectAltName ?? '';
    expect(san).toContain('DNS:tupa-hub.local');
    expect(san).not.toContain('tupa.example.com');
    expect(logger.lines.find((l) => l.msg.startsWith('hub.hostnames outside'))).toMatchObject({ level: 'warn', hosts: 'tupa.example.com' });
  });

  it('says plainly when its port is taken', async () => {
    const a = await start(tempDir('tupa-hub-'));
    await expect(start(tempDir('tupa-hub-'), a.hub.port)).rejects.toThrow(
      `port ${a.hub.port} on 127.0.0.1 is already in use (another hub, or a kiosk with its own hub?): set hub.listen.port in the configuration`,
    );
  });

  it('reads the same configuration a kiosk embedding the hub would', () => {
    const options = hubOptionsFromConfig(config, '/var/lib/tupa');
    expect(options.dataDir).toBe(join('/var/lib/tupa', 'hub'));
    expect(options.siteName).toBe('Kirjasto Itä');
    expect(options.network.hostnames).toEqual(['tupa-hub.local']);
    const unnamed = hubOptionsFromConfig(parseConfig({ pc: { id: 'a', name: 'A' }, room: { name: 'Sali 2' } }, 'test'), '/d');
    expect(unnamed.siteName).toBe('Sali 2');
    expect(unnamed.network.turnSecret).toBeUndefined();
    // The TURN server's secret reaches the hub (remote help's credentials are made from it).
    const secret = 'a-turn-secret-of-32-characters!!';
    const withTurn = hubOptionsFromConfig(parseConfig({ pc: { id: 'a', name: 'A' }, room: { name: 'Sali 2' }, hub: { turnSecret: secret } }, 'test'), '/d');
    expect(withTurn.network.turnSecret).toBe(secret);
  });
});
