import { request } from 'node:https';

/** The hub's advisor API as a program uses it (a bearer token instead of the browser's cookie). */
export interface HubClient {
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export function hubRequest<T>(
  url: string,
  caPem: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Record<string, string | string[] | undefined> }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, ca: caPem, headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (data ? JSON.parse(data) : undefined) as T, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

export async function signInAdvisor(url: string, caPem: string, name: string, password: string): Promise<HubClient> {
  const signIn = await hubRequest<{ name: string }>(url, caPem, 'POST', '/api/session', { name, password });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  const token = String(signIn.headers['x-tupa-token']);
  return {
    call: (method, path, body) => hubRequest(url, caPem, method, path, body, { authorization: `Bearer ${token}` }),
  };
}

/** The demo advisor's sign-in as the preview prints it. */
export function demoAdvisor(output: string): { name: string; password: string } {
  const match = /^advisor sign-in: (\S+) \/ (\S+)$/m.exec(output);
  if (!match) throw new Error(`the preview printed no advisor sign-in:\n${output}`);
  return { name: match[1]!, password: match[2]! };
}
