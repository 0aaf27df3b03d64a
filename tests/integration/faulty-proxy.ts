import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { onStop } from './hub-support';

/** How the proxy treats one request: passes it, fails it, or stores it at the receiver and then fails the answer. */
export type Mode = 'pass' | 'error-500' | 'hold' | 'drop-after-store' | 'twice' | 'refuse';

/** An HTTP proxy on loopback in front of the receiver that fails on purpose, one mode per request. */
export async function faultyProxy(city: { address: string; caPem: string }): Promise<{ url: string; modes: Mode[]; seen: Mode[]; close(): void }> {
  const modes: Mode[] = [];
  const seen: Mode[] = [];
  const held: ServerResponse[] = [];
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const out = httpsRequest(`${city.address}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(city.address).host }, ca: city.caPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      out.on('error', reject);
      out.end(body);
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const mode = modes.shift() ?? 'pass';
      seen.push(mode);
      if (mode === 'refuse') return req.socket.destroy();
      if (mode === 'error-500') return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom","message":"the receiver broke"}');
      const answer = await forward(req, body);
      if (mode === 'twice') {
        const again = await forward(req, body);
        return res.writeHead(again.status, { 'content-type': 'application/json' }).end(again.text);
      }
      // Stored at the receiver, but the hub never hears so.
      if (mode === 'drop-after-store') return req.socket.destroy();
      if (mode === 'hold') return void held.push(res);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => {
    for (const res of held) res.socket?.destroy();
    server.closeAllConnections();
    server.close();
  };
  onStop(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, modes, seen, close };
}

