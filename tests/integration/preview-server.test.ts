import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { startPreview, type PreviewProcess } from '../support/preview-process';

const ROOT = resolve(import.meta.dirname, '../..');
const PREVIEW = join(ROOT, 'out/main/preview.js');

if (!existsSync(PREVIEW)) throw new Error(`${PREVIEW} is missing: run "npx electron-vite build" first`);

const root = mkdtempSync(join(tmpdir(), 'tupa-preview-test-'));
let plain: PreviewProcess; // demo, no test mode
let testing: PreviewProcess; // test mode, no demo
let plainExit: Promise<number | null> | undefined;

beforeAll(async () => {
  [plain, testing] = await Promise.all([
    startPreview({ dataDir: join(root, 'plain'), testMode: false }),
    startPreview({ dataDir: join(root, 'testing'), testMode: true, demo: false }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([plainExit ?? plain?.stop(), testing?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

/** Runs the preview to completion (for arguments it refuses before listening). */
function runPreview(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [PREVIEW, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the preview did not exit:\n${stdout}${stderr}`));
    }, 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

describe('the demo preview', () => {
  it('prints the kiosk URL on loopback, the demo codes and three six-digit codes', () => {
    const out = plain.output();
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kiosk\/$/);
    expect(out).toMatch(/^kiosk: http:\/\/127\.0\.0\.1:\d+\/kiosk\/$/m);
    expect(out).toMatch(/^demo codes:$/m);
    expect(plain.codes).toHaveLength(3);
    for (const c of plain.codes) expect(c.code).toMatch(/^\d{6}$/);
    expect(new Set(plain.codes.map((c) => c.code)).size).toBe(3);
    expect(plain.codes.map((c) => c.line)).toEqual([expect.stringContaining('(now'), expect.stringContaining('(later today)'), expect.stringContaining('(tomorrow)')]);
    expect(out).not.toContain('test mode');
  });

  it('writes the demo PC\'s kiosk.json into the data folder, where the command line finds it', () => {
    const file = join(plain.dataDir, 'kiosk.json');
    expect(existsSync(file)).toBe(true);
    const config = JSON.parse(readFileSync(file, 'utf8')) as { pc: { id: string }; locales: { available: string[] } };
    expect(config.pc.id).toBe('demo-pc-1');
    expect(config.locales.available).toEqual(['fi', 'fi-x-selko', 'sv', 'en', 'se', 'uk', 'ru', 'ar', 'so']);
    expect(plain.output()).toContain(`--data-dir ${plain.dataDir} bookings add --pc demo-pc-1`);
  });

  it('with --no-demo there are no demo codes, and test mode says it is on', () => {
    expect(testing.output()).not.toMatch(/^demo codes:$/m);
    expect(testing.codes).toEqual([]);
    expect(testing.output()).toContain('test mode: /__test routes are enabled');
    // The configuration is still written (with the test locales in test mode).
    const config = JSON.parse(readFileSync(join(testing.dataDir, 'kiosk.json'), 'utf8')) as { locales: { available: string[] } };
    expect(config.locales.available).toContain('ar-XB');
  });

  it('GET / redirects to /kiosk/', async () => {
    const response = await fetch(`${plain.origin}/`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(301);
    expect(response.status).toBeLessThanOrEqual(308);
    expect(response.headers.get('location')).toBe('/kiosk/');
  });

  it('every response carries a strict Content-Security-Policy and nosniff', async () => {
    for (const path of ['/kiosk/', '/', '/nope.js', '/__test/status']) {
      const response = await fetch(`${plain.origin}${path}`, { redirect: 'manual' });
      const csp = response.headers.get('content-security-policy');
      expect(csp, path).toBeTruthy();
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      await response.arrayBuffer();
    }
  });

  it('serves the kiosk UI', async () => {
    const response = await fetch(plain.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(/<html/i);
  });

  it('without --test-mode the /__test routes answer 404 and hand out no code', async () => {
    const advance = await fetch(`${plain.origin}/__test/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 3_600_000 }),
    });
    expect(advance.status).toBe(404);
    const bookings = await fetch(`${plain.origin}/__test/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startsInMinutes: 0, minutes: 60 }),
    });
    expect(bookings.status).toBe(404);
    expect(await bookings.text()).not.toMatch(/\d{6}/);
    expect((await fetch(`${plain.origin}/__test/status`)).status).toBe(404);
  });

  it('a WebSocket from another origin is closed with 1008', async () => {
    const socket = new WebSocket(`${plain.origin.replace('http', 'ws')}/api`, { headers: { Origin: 'https://evil.example' } });
    socket.on('error', () => {});
    const code = await new Promise<number>((r) => socket.on('close', (c) => r(c)));
    expect(code).toBe(1008);
  });

  it('a WebSocket from the kiosk page gets a snapshot, with no booking code in it', async () => {
    const socket = new WebSocket(`${plain.origin.replace('http', 'ws')}/api`, { headers: { Origin: plain.origin } });
    try {
      const reply = await new Promise<Record<string, unknown>>((resolveReply, reject) => {
        const timer = setTimeout(() => reject(new Error('no reply')), 3000);
        socket.on('open', () => socket.send(JSON.stringify({ v: 1, id: 's', method: 'kiosk.getSnapshot', params: {} })));
        socket.on('message', (data) => {
          const m = JSON.parse(String(data)) as Record<string, unknown>;
          if (m.id === 's') {
            clearTimeout(timer);
            resolveReply(m);
          }
        });
      });
      expect(reply).toMatchObject({ ok: true, result: { pc: { id: 'demo-pc-1' } } });
      expect(JSON.stringify(reply)).not.toMatch(new RegExp(plain.codes.map((c) => c.code).join('|')));
    } finally {
      socket.terminate();
    }
  });

  it('SIGTERM stops it with exit code 0', async () => {
    plainExit = plain.stop('SIGTERM');
    expect(await plainExit).toBe(0);
  });
});

describe('test mode', () => {
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${testing.origin}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    ['a negative ms', '{"ms": -1}'],
    ['ms as text', '{"ms": "1000"}'],
    ['a fractional ms', '{"ms": 1.5}'],
    ['an extra field', '{"ms": 1000, "wall": true}'],
    ['more than 400 days', `{"ms": ${401 * 24 * 3_600_000}}`],
    ['a JSON array', '[1000]'],
    ['invalid JSON', '{"ms": '],
  ])('POST /__test/advance with a bad body (%s) answers 400', async (_label, body) => {
    const before = (await (await fetch(`${testing.origin}/__test/status`)).json()) as { now: number };
    const response = await post('/__test/advance', body);
    expect(response.status).toBe(400);
    await response.arrayBuffer();
    const after = (await (await fetch(`${testing.origin}/__test/status`)).json()) as { now: number };
    expect(after.now - before.now).toBeLessThan(60_000); // time did not jump
  });

  it('POST /__test/advance with a good body moves time forward', async () => {
    const before = (await (await fetch(`${testing.origin}/__test/status`)).json()) as { now: number };
    const response = await post('/__test/advance', JSON.stringify({ ms: 3_600_000 }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { now: number; phase: string };
    expect(body.now - before.now).toBeGreaterThanOrEqual(3_600_000);
    expect(body.phase).toBe('welcome');
  });

  it('a body over the size limit is refused', async () => {
    const response = await post('/__test/advance', JSON.stringify({ ms: 1, pad: 'x'.repeat(20 * 1024) }));
    expect(response.status).toBe(413);
  });
});

describe('arguments the preview refuses', () => {
  it.each(['0.0.0.0', '192.168.1.20', '::', 'example.fi'])('--host %s exits 2 with a clear message', async (host) => {
    const dataDir = join(root, `host-${host.replace(/[^a-z0-9]/gi, '_')}`);
    const run = await runPreview(['--port', '0', '--data-dir', dataDir, '--host', host]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--host must be a loopback address (127.0.0.1, ::1 or localhost), not ${host}`);
    expect(run.stdout).not.toContain('kiosk:');
    expect(existsSync(dataDir)).toBe(false); // refused before anything was written
  });

  it('a --port that is not a port exits 2', async () => {
    const run = await runPreview(['--port', '99999', '--data-dir', join(root, 'port')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a whole number from 0 to 65535, not 99999');
  });
});
