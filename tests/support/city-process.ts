import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** What tests/support/city-receiver.ts is asked to start (its one argument, as JSON). */
export interface CityReceiverRequest {
  dataDir: string;
  rendererDir: string;
  coordinator: { name: string; password: string };
  sites: Array<{ id: string; name: string }>;
}

/** What it prints once it listens. */
export interface CityReceiverStarted {
  url: string;
  caPem: string;
  tokens: Record<string, string>;
}

export interface CityProcess extends CityReceiverStarted {
  /** Its data folder (its SQLite file is city.sqlite there), removed by stop(). */
  dataDir: string;
  /** Sends a batch of records as the site's hub does: its token, over HTTPS with the receiver's CA pinned. */
  send(site: string, records: unknown[]): Promise<{ status: number; body: string }>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real city receiver (createCityReceiver, serving the built
 * dashboard from out/renderer) in its own process on a free loopback port,
 * with one coordinator and the given sites.
 */
export async function startCityReceiver(options: Pick<CityReceiverRequest, 'coordinator' | 'sites'>): Promise<CityProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tupa-city-e2e-'));
  const request: CityReceiverRequest = { ...options, dataDir, rendererDir: join(ROOT, 'out/renderer') };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/city-receiver.ts'), JSON.stringify(request)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const started = await new Promise<CityReceiverStarted>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the city receiver did not start in 30 s:\n${out}`)), 30_000);
    child.stdout.on('data', () => {
      const line = /^city-receiver: (.*)$/m.exec(out);
      if (!line) return;
      clearTimeout(timer);
      done(JSON.parse(line[1]!) as CityReceiverStarted);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the city receiver exited (${code}) before it was ready:\n${out}`));
    });
  });
  return {
    ...started,
    dataDir,
    send: (site, records) => post(started, site, { version: 1, site, batchId: randomUUID(), records }),
    output: () => out,
    stop: () =>
      new Promise((done) => {
        const cleanUp = () => {
          rmSync(dataDir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null || child.signalCode !== null) return cleanUp();
        child.once('exit', cleanUp);
        child.kill('SIGTERM');
      }),
  };
}

function post(receiver: CityReceiverStarted, site: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const request = httpsRequest(
      `${receiver.url}/api/v1/figures`,
      { method: 'POST', ca: receiver.caPem, headers: { authorization: `Bearer ${receiver.tokens[site] ?? ''}`, 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', fail);
    request.end(JSON.stringify(body));
  });
}
