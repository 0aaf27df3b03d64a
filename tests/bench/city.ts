import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_BATCH_RECORDS } from '../../preload/city-contract';
import { POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres';
import { percentile } from './stats';
import type { CityChildReply, CityChildRequest } from './city-process';

/**
 * The city receiver's ingest rate: a real receiver (its own process,
 * HTTPS, a real SQLite file or a real PostgreSQL server with fsync on) and
 * N sites' hubs syncing at once, each one batch of `recordsPerBatch`
 * records over its own TLS connection from an address of its own
 * (127.2.x.y), as hubs across a region do. Then the same batches again
 * (a replay after lost answers: every record unchanged).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const METRICS = ['sessions', 'minutes', 'help-calls', 'no-shows'];

export interface CityIngestRound {
  /** The first batch sent to the last receipt. */
  totalMs: number;
  recordsPerSecond: number;
  /** Each batch: sent to its receipt (ms). */
  batchMs: { p50: number; p99: number; max: number };
  /** Batches not answered 200 (with the first such answer). */
  failed: number;
  firstFailure?: string;
  stored: number;
  unchanged: number;
}

export interface CityIngestResult {
  kind: 'sqlite' | 'postgres';
  /** Why the measurement did not run (PostgreSQL not installed). */
  skipped?: string;
  sites: number;
  recordsPerBatch: number;
  records: number;
  first?: CityIngestRound;
  replay?: CityIngestRound;
  /** Figures in the store afterwards (must be sites × recordsPerBatch). */
  figures?: number;
}

/** One site's batch: `count` distinct daily totals, 28 days × 4 metrics a month from January 2025. */
function records(count: number, seed: number) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return Array.from({ length: count }, (_, i) => {
    const month = Math.floor(i / 112);
    return { period: `${2025 + Math.floor(month / 12)}-${pad(1 + (month % 12))}-${pad(1 + ((i % 112) % 28))}`, metric: METRICS[Math.floor((i % 112) / 28)]!, value: (seed + i) % 500, revision: 1 };
  });
}

function send(port: number, caPem: string, token: string, body: string, localAddress: string): Promise<{ status: number; text: string }> {
  return new Promise((done) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/figures', method: 'POST', ca: caPem, servername: 'localhost', localAddress, agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', (error) => done({ status: 0, text: error.message }));
    req.end(body);
  });
}

async function round(port: number, caPem: string, tokens: string[], bodies: string[]): Promise<CityIngestRound> {
  const began = performance.now();
  const answers = await Promise.all(
    tokens.map(async (token, i) => {
      const start = performance.now();
      const answer = await send(port, caPem, token, bodies[i]!, `127.2.${Math.floor(i / 250)}.${1 + (i % 250)}`);
      return { ...answer, ms: performance.now() - start };
    }),
  );
  const totalMs = performance.now() - began;
  const ok = answers.filter((a) => a.status === 200).map((a) => JSON.parse(a.text) as { stored: number; unchanged: number });
  const failures = answers.filter((a) => a.status !== 200);
  const ms = answers.map((a) => a.ms);
  const stored = ok.reduce((n, r) => n + r.stored, 0);
  const unchanged = ok.reduce((n, r) => n + r.unchanged, 0);
  return {
    totalMs: Math.round(totalMs),
    recordsPerSecond: Math.round(((stored + unchanged) / totalMs) * 1000),
    batchMs: { p50: Math.round(percentile(ms, 50)), p99: Math.round(percentile(ms, 99)), max: Math.round(Math.max(...ms)) },
    failed: failures.length,
    ...(failures[0] ? { firstFailure: `${failures[0].status} ${failures[0].text.slice(0, 200)}` } : {}),
    stored,
    unchanged,
  };
}

class Child {
  private readonly child: ChildProcess;
  private waiting: ((reply: CityChildReply) => void) | undefined;
  private readonly exited: Promise<void>;

  constructor() {
    this.child = fork(join(import.meta.dirname, 'city-process.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: CityChildReply) => this.waiting?.(reply));
    this.exited = new Promise((r) => this.child.once('exit', () => r()));
  }

  ask(message: CityChildRequest): Promise<CityChildReply> {
    return new Promise((resolveReply, reject) => {
      this.waiting = (reply) => (reply.type === 'error' ? reject(new Error(`the receiver process failed: ${reply.message}`)) : resolveReply(reply));
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      await this.ask({ type: 'stop' }).catch(() => this.child.kill());
    }
    await this.exited;
  }
}

/**
 * Measures the receiver's ingest rate with `sites` hubs syncing at once
 * (default 200 sites × 1000 records) on SQLite or PostgreSQL. PostgreSQL
 * where its binaries are missing: `skipped` says why, no numbers.
 */
export async function measureCityIngest(kind: 'sqlite' | 'postgres', options: { sites?: number; recordsPerBatch?: number } = {}): Promise<CityIngestResult> {
  const sites = options.sites ?? 200;
  const recordsPerBatch = Math.min(options.recordsPerBatch ?? MAX_BATCH_RECORDS, MAX_BATCH_RECORDS);
  const base = { kind, sites, recordsPerBatch, records: sites * recordsPerBatch };
  if (kind === 'postgres' && POSTGRES_MISSING) return { ...base, skipped: POSTGRES_MISSING };
  const dataDir = mkdtempSync(join(tmpdir(), 'tupa-city-bench-'));
  let postgres: TestPostgres | undefined;
  const child = new Child();
  try {
    let url: string | undefined;
    if (kind === 'postgres') {
      postgres = await startPostgres({ durable: true });
      url = await postgres.createDatabase('bench');
    }
    const started = await child.ask({ type: 'start', kind, dataDir, sites, ...(url ? { url } : {}) });
    if (started.type !== 'started') throw new Error(`unexpected answer: ${started.type}`);
    const bodies = started.tokens.map((_, i) => JSON.stringify({ version: 1, site: `site-${i}`, batchId: randomUUID(), records: records(recordsPerBatch, i) }));
    const first = await round(started.port, started.caPem, started.tokens, bodies);
    const replay = await round(started.port, started.caPem, started.tokens, bodies);
    const counted = await child.ask({ type: 'count' });
    return { ...base, first, replay, figures: counted.type === 'count' ? counted.figures : NaN };
  } finally {
    await child.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/city.ts [sqlite|postgres] [sites] [records]`: one measurement, as JSON.
if (import.meta.filename === process.argv[1]) {
  const [kind = 'sqlite', sites, records] = process.argv.slice(2);
  measureCityIngest(kind as 'sqlite' | 'postgres', { ...(sites ? { sites: Number(sites) } : {}), ...(records ? { recordsPerBatch: Number(records) } : {}) }).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
