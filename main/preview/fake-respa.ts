import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Respa/Varaamo API on loopback, written from Respa's documented
 * format (GET /v1/reservation/ with resource, start, end, page and
 * page_size; pages of {count, next, previous, results}; POST
 * /api-token-auth/ giving a JWT). Non-administrators see no cancelled or
 * denied reservations (they simply disappear), and access codes only when
 * signed in. Faults can be switched on for the next requests.
 */

export interface FakeReservation {
  id: number;
  resource: string;
  begin: string;
  end: string;
  state: 'confirmed' | 'requested' | 'cancelled' | 'denied' | 'created' | 'waiting_for_payment';
  access_code?: string | null;
}

export type Fault = 'malformed' | 'html' | 'status-500' | 'trickle' | 'oversize' | 'bad-item';

export interface FakeRespa {
  url: string;
  /** The API's base, e.g. http://127.0.0.1:PORT/v1 */
  base: string;
  reservations: FakeReservation[];
  /** 'none': open; 'token': `Authorization: Token SECRET`; 'jwt': sign in with USER/PASSWORD. */
  auth: 'none' | 'token' | 'jwt';
  /** Faults served to the next requests, one each, in order. */
  faults: Fault[];
  /** The largest page it gives, whatever page_size asks (Respa's is 500; a server may cap lower). */
  maxPageSize: number;
  /** Honours the resource filter (off: every resource's reservations, as a misconfigured proxy might give). */
  resourceFilter: boolean;
  /** Sends ETag and answers If-None-Match with 304. */
  etags: boolean;
  /** Each reservation list waits this long before it is answered (a slow server: a second "Sync now" arrives meanwhile). */
  delayMs: number;
  /** Every request: method and path with query (no bodies). */
  requests: Array<{ method: string; url: string; authorization: string | undefined }>;
  /** Every JWT given so far is refused from now on (they expired). */
  expireTokens(): void;
  close(): Promise<void>;
}

export const FAKE_USER = 'tupa-hub';
export const FAKE_PASSWORD = 'correct horse battery';
export const FAKE_TOKEN = 'fixed-token-0123456789';

const overlaps = (r: FakeReservation, start: string | null, end: string | null) =>
  (!start || Date.parse(r.end) >= Date.parse(start)) && (!end || Date.parse(r.begin) <= Date.parse(end));

/**
 * `testRoutes`: POST /__test/reservations adds a reservation (or replaces the
 * one with its id), POST /__test/faults sets the faults for the next requests:
 * the preview's --demo-source in --test-mode, so a browser test can change
 * the source as a Varaamo user would, or make it fail.
 */
export async function startFakeRespa(initial: FakeReservation[] = [], options: { testRoutes?: boolean } = {}): Promise<FakeRespa> {
  const jwts = new Set<string>();
  const fake: Omit<FakeRespa, 'url' | 'base' | 'close'> = {
    reservations: initial,
    auth: 'none',
    faults: [],
    maxPageSize: 500,
    resourceFilter: true,
    etags: false,
    delayMs: 0,
    requests: [],
    expireTokens: () => jwts.clear(),
  };
  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const signedIn = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    if (fake.auth === 'token') return header === `Token ${FAKE_TOKEN}`;
    if (fake.auth === 'jwt') return header.startsWith('JWT ') && jwts.has(header.slice(4));
    return false;
  };
  const server: Server = createServer((req, res) => {
    if (fake.delayMs > 0 && req.method === 'GET') setTimeout(() => handle(req, res), fake.delayMs);
    else handle(req, res);
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    fake.requests.push({ method: req.method ?? 'GET', url: req.url ?? '', authorization: req.headers.authorization });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.testRoutes && req.method === 'POST' && url.pathname === '/__test/faults') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        fake.faults = (JSON.parse(body || '{}') as { faults?: Fault[] }).faults ?? [];
        send(res, 200, JSON.stringify({ ok: true }));
      });
      return;
    }
    if (options.testRoutes && req.method === 'POST' && url.pathname === '/__test/reservations') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const r = JSON.parse(body || '{}') as FakeReservation;
        fake.reservations = [...fake.reservations.filter((x) => x.id !== r.id), r];
        send(res, 200, JSON.stringify({ ok: true }));
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api-token-auth/') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { username, password } = JSON.parse(body || '{}') as { username?: string; password?: string };
        if (username !== FAKE_USER || password !== FAKE_PASSWORD) return send(res, 400, '{"non_field_errors":["Unable to log in with provided credentials."]}');
        const token = randomBytes(16).toString('hex');
        jwts.add(token);
        send(res, 200, JSON.stringify({ token }));
      });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/v1/reservation/') return send(res, 404, '<html><body>Not found</body></html>', 'text/html');
    const fault = fake.faults.shift();
    if (fault === 'malformed') return send(res, 200, '{"count": 3, "results": [');
    if (fault === 'html') return send(res, 200, '<!DOCTYPE html><html><body>Service unavailable</body></html>', 'text/html');
    if (fault === 'status-500') return send(res, 500, '<html><body>Server Error (500)</body></html>', 'text/html');
    if (fault === 'trickle') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"count":0,');
      const timer = setInterval(() => res.write(' '), 400);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (fault === 'oversize') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = ' '.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => (sent = Infinity));
      pump();
      return;
    }
    if (fake.auth !== 'none' && req.headers.authorization && !signedIn(req)) return send(res, 401, '{"detail":"Signature has expired."}');
    const resources = (url.searchParams.get('resource') ?? '').split(',').filter(Boolean);
    const start = url.searchParams.get('start');
    const end = url.searchParams.get('end');
    const pageSize = Math.min(Number(url.searchParams.get('page_size') ?? 20), fake.maxPageSize);
    const page = Number(url.searchParams.get('page') ?? 1);
    const authorised = signedIn(req);
    const visible = fake.reservations
      .filter((r) => (!fake.resourceFilter || resources.length === 0 || resources.includes(r.resource)) && overlaps(r, start, end))
      .filter((r) => authorised || ['confirmed', 'requested', 'waiting_for_payment'].includes(r.state))
      .sort((a, b) => a.id - b.id);
    const slice = visible.slice((page - 1) * pageSize, page * pageSize);
    const pageUrl = (n: number) => {
      const next = new URL(url.toString());
      next.host = req.headers.host ?? next.host;
      next.searchParams.set('page', String(n));
      return next.toString();
    };
    const results: unknown[] = slice.map((r) => ({
      url: `http://${req.headers.host}/v1/reservation/${r.id}/`,
      id: r.id,
      resource: r.resource,
      begin: r.begin,
      end: r.end,
      state: r.state,
      type: 'normal',
      staff_event: false,
      need_manual_confirmation: false,
      is_own: false,
      user_permissions: { can_modify: false, can_delete: false },
      // Respa shows these to staff; the hub must never keep them.
      user: { display_name: 'Maija Meikäläinen', email: 'maija@example.fi' },
      reserver_name: 'Maija Meikäläinen',
      reserver_phone_number: '+358401234567',
      access_code: authorised || fake.auth === 'none' ? (r.access_code ?? null) : null,
    }));
    if (fault === 'bad-item') results.push({ id: 'x', resource: 'r', begin: 'tomorrow', end: null, state: 'confirmed' });
    const body = JSON.stringify({ count: visible.length, next: page * pageSize < visible.length ? pageUrl(page + 1) : null, previous: page > 1 ? pageUrl(page - 1) : null, results });
    if (fake.etags) {
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return res.end();
      }
      res.setHeader('etag', etag);
    }
    send(res, 200, body);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return Object.assign(fake, {
    url,
    base: `${url}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeRespa;
}

/** An ISO time with the Helsinki offset for epoch ms (the way Respa writes begin/end), in winter (+02:00). */
export function helsinkiIso(at: number): string {
  return new Date(at + 2 * 3_600_000).toISOString().replace('Z', '+02:00').replace('.000', '');
}
