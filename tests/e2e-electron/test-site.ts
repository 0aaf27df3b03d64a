import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A local HTTPS site that does everything a session can leave behind:
 * cookies, localStorage, sessionStorage, IndexedDB, Cache Storage, a service
 * worker and downloads; plus links the kiosk must refuse. Its certificate is
 * self-signed (the kiosk under test runs with --ignore-certificate-errors).
 */
export interface TestSite {
  origin: string;
  close(): Promise<void>;
}

const STORE = `<!doctype html><meta charset="utf-8"><title>store</title>
<script>
(async () => {
  document.cookie = 'resident=1; max-age=86400; path=/';
  localStorage.setItem('k', 'v');
  sessionStorage.setItem('k', 'v');
  await new Promise((ok, fail) => { const r = indexedDB.open('resident-db', 1); r.onupgradeneeded = () => r.result.createObjectStore('s'); r.onsuccess = () => { r.result.close(); ok(); }; r.onerror = fail; });
  const cache = await caches.open('resident-cache'); await cache.put('/cached', new Response('x'));
  await navigator.serviceWorker.register('/sw.js'); await navigator.serviceWorker.ready;
  document.title = 'stored';
})().catch((e) => { document.title = 'failed: ' + e; });
</script>`;

const INDEX = `<!doctype html><meta charset="utf-8"><title>test site</title>
<h1>Test site</h1>
<a id="store" href="/store">store</a>
<a id="private" href="http://192.168.1.1/">router</a>
<a id="mail" href="mailto:someone@example.com">mail</a>
<a id="file" href="file:///etc/passwd">file</a>
<a id="pdf" href="/download/report.pdf">pdf</a>
<a id="exe" href="/download/setup.exe">exe</a>
<button id="popup" onclick="window.open('/popup')">popup</button>`;

export async function startTestSite(): Promise<TestSite | { missing: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tupa-site-'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
  if (made.status !== 0) return { missing: `openssl could not make a test certificate: ${made.error?.message ?? made.stderr}` };
  const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (path === '/' || path === '/popup') return send('text/html; charset=utf-8', INDEX);
    if (path === '/store') return send('text/html; charset=utf-8', STORE);
    if (path === '/sw.js') return send('text/javascript', "self.addEventListener('fetch', () => {});");
    if (path === '/download/report.pdf') return send('application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-disposition': 'attachment; filename="report.pdf"' });
    if (path === '/download/setup.exe') return send('application/x-msdownload', Buffer.from('MZ'), { 'content-disposition': 'attachment; filename="setup.exe"' });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
