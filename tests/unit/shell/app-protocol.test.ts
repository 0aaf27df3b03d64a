import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
// The shell module under test imports 'electron' as types only, so a test may load it without the binary.
import { APP_CSP, APP_ORIGIN, handleAppProtocol, resolveAppPath } from '../../../main/shell/app-protocol';

let base: string;
let renderer: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tupa-app-protocol-'));
  renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'kiosk', 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<p>root</p>');
  writeFileSync(join(renderer, 'kiosk', 'index.html'), '<p>kiosk</p>');
  writeFileSync(join(renderer, 'kiosk', 'assets', 'app.js'), 'console.log(1)');
  // Neighbours the renderer must never serve.
  writeFileSync(join(base, 'secret.txt'), 'secret');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

function inside(file: string | undefined): boolean {
  return file !== undefined && file.startsWith(renderer + sep);
}

describe('resolveAppPath: files inside the renderer folder', () => {
  it('app://kiosk/kiosk/ is the kiosk UI\'s index.html', () => {
    expect(resolveAppPath(renderer, 'app://kiosk/kiosk/')).toBe(join(renderer, 'kiosk', 'index.html'));
  });

  it('app://kiosk/ is the renderer\'s index.html', () => {
    expect(resolveAppPath(renderer, 'app://kiosk/')).toBe(join(renderer, 'index.html'));
  });

  it('serves an asset by its path, ignoring query and fragment', () => {
    expect(resolveAppPath(renderer, 'app://kiosk/kiosk/assets/app.js?v=2#x')).toBe(join(renderer, 'kiosk', 'assets', 'app.js'));
  });

  it('decodes percent-encoded names inside the folder', () => {
    expect(resolveAppPath(renderer, 'app://kiosk/kiosk/a%20b.css')).toBe(join(renderer, 'kiosk', 'a b.css'));
  });

  it('accepts a renderer folder given with a trailing separator', () => {
    expect(resolveAppPath(renderer + sep, 'app://kiosk/kiosk/')).toBe(join(renderer, 'kiosk', 'index.html'));
  });
});

describe('resolveAppPath: nothing outside the folder', () => {
  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/kiosk/../../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/%2E%2E/%2e%2E/secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/kiosk/..%2f..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2fsecret.txt',
    'app://kiosk/..%2frenderer-evil/x.js',
    'app://kiosk/..\\secret.txt',
    'app://kiosk/%5c..%5c..%5csecret.txt',
    'app://kiosk/..%5csecret.txt',
  ])('%s resolves inside the folder or not at all', (url) => {
    const file = resolveAppPath(renderer, url);
    if (file !== undefined) expect(inside(file), file).toBe(true);
    expect(file).not.toBe(join(base, 'secret.txt'));
    expect(file).not.toBe(join(base, 'renderer-evil', 'x.js'));
  });

  it('an encoded slash that climbs out is refused outright', () => {
    expect(resolveAppPath(renderer, 'app://kiosk/..%2f..%2fetc%2fpasswd')).toBeUndefined();
    expect(resolveAppPath(renderer, 'app://kiosk/..%2frenderer-evil/x.js')).toBeUndefined();
  });

  it.each([
    ['another host', 'app://other/kiosk/'],
    ['a host with user info', 'app://kiosk@evil/kiosk/'],
    ['a host with a port', 'app://kiosk:80/kiosk/'],
    ['a file URL', 'file:///opt/tupa/renderer/kiosk/index.html'],
    ['https', 'https://kiosk/kiosk/'],
    ['http on loopback', 'http://127.0.0.1/kiosk/'],
    ['not a URL', 'kiosk/index.html'],
    ['an empty string', ''],
    ['the folder itself', 'app://kiosk'],
  ])('%s is refused', (_label, url) => {
    expect(resolveAppPath(renderer, url)).toBeUndefined();
  });

  // Regression (fixed, it used to fail): decodeURIComponent throws URIError on a lone "%" (or any malformed escape), so
  // resolveAppPath throws instead of refusing, and handleAppProtocol's handler rejects
  // instead of answering 404.
  it('a malformed percent escape is refused, not thrown', () => {
    expect(resolveAppPath(renderer, 'app://kiosk/kiosk/%E0%A4%A')).toBeUndefined();
    expect(resolveAppPath(renderer, 'app://kiosk/%')).toBeUndefined();
  });
});

describe('handleAppProtocol', () => {
  function register() {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const protocol = {
      handle: (scheme: string, h: (request: Request) => Promise<Response>) => {
        expect(scheme).toBe('app');
        handler = h;
      },
    };
    handleAppProtocol(protocol as never, renderer);
    if (!handler) throw new Error('no handler registered');
    return handler;
  }

  it('serves the kiosk UI with a strict CSP, nosniff and the right type', async () => {
    const handler = register();
    const response = await handler(new Request(`${APP_ORIGIN}/kiosk/`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>kiosk</p>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(APP_CSP).toContain("connect-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toContain('unsafe');
  });

  it('answers 404 for a missing file and for a path that climbs out', async () => {
    const handler = register();
    expect((await handler(new Request(`${APP_ORIGIN}/kiosk/missing.js`))).status).toBe(404);
    const out = await handler(new Request(`${APP_ORIGIN}/..%2fsecret.txt`));
    expect(out.status).toBe(404);
    expect(await out.text()).not.toContain('secret');
  });
});
