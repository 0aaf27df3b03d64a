/**
 * A booking source's token stays with its own server (issue 12): two
 * loopback servers, the source's answering with a redirect to the other.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitedFetch } from '../../main/hub/sources/limited-fetch';
import { fetchRespa } from '../../main/hub/sources/respa-client';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
});

type Seen = Array<{ path: string; headers: IncomingHttpHeaders }>;

async function server(handle: (path: string, respond: (status: number, headers: Record<string, string>, body?: string) => void) => void): Promise<{ url: string; seen: Seen }> {
  const seen: Seen = [];
  const s = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handle(req.url ?? '', (status, headers, body = '') => {
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen };
}

const EMPTY_PAGE = JSON.stringify({ count: 0, next: null, previous: null, results: [] });

describe('redirects from a booking source', () => {
  it('the Authorization header does not follow a redirect to another origin, but does on the same one', async () => {
    const other = await server((_path, respond) => respond(200, { 'content-type': 'application/json' }, EMPTY_PAGE));
    const source = await server((path, respond) => {
      if (path.startsWith('/v1/reservation/')) respond(302, { location: `${other.url}/elsewhere/reservation/` });
      else if (path === '/same') respond(307, { location: '/v1/same-target' });
      else respond(200, { 'content-type': 'application/json' }, EMPTY_PAGE);
    });
    const result = await fetchRespa({ baseUrl: `${source.url}/v1`, auth: { kind: 'token', token: 'secret-token-123' }, map: { r: 'pc-1' }, requested: false, window: { from: 0, to: 86_400_000 } });
    expect(result.status).toBe('ok');
    expect(source.seen[0]!.headers.authorization).toBe('Token secret-token-123');
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]!.headers.authorization).toBeUndefined();

    await limitedFetch(`${source.url}/same`, { headers: { authorization: 'Bearer keep-me' } });
    expect(source.seen.at(-1)).toMatchObject({ path: '/v1/same-target', headers: { authorization: 'Bearer keep-me' } });
  });

  it('an endless redirect is refused with its reason', async () => {
    const loop = await server((_path, respond) => respond(302, { location: '/again' }));
    await expect(limitedFetch(`${loop.url}/start`, {})).rejects.toMatchObject({ kind: 'http', message: 'more than 5 redirects' });
  });
});
