import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { HUB_PROTOCOL_VERSION, PairResponse } from '../../preload/hub-contract';
import { writePrivateFile } from '../store/private-file';

/** What a PC keeps once paired: the hub's address, the site CA it pinned, its own device token. */
export const Pairing = z.strictObject({
  address: z.url({ protocol: /^https$/ }),
  caPem: z.string().includes('BEGIN CERTIFICATE'),
  caFingerprint: z.string(),
  deviceToken: z.string().min(32),
  pcId: z.string(),
  siteName: z.string(),
  pairedAt: z.number().int(),
});
export type Pairing = z.infer<typeof Pairing>;

const FILE = 'hub-pairing.json';

export function readPairing(dataDir: string): Pairing | undefined {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return undefined;
  const parsed = Pairing.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function writePairing(dataDir: string, pairing: Pairing): void {
  // It holds the device token: owner-only from its first byte.
  writePrivateFile(join(dataDir, FILE), `${JSON.stringify(pairing, null, 2)}\n`);
}

export function forgetPairing(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}

/** The hub address as IT types it: "hub.local", "192.168.1.10:8443" or a full https:// URL. */
export function hubAddress(typed: string): string {
  const trimmed = typed.trim();
  const url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed.replace(/^http:/i, 'https:') : `https://${trimmed}`);
  if (!url.port) url.port = '8443';
  return url.origin;
}

export class PairingError extends Error {
  readonly reason: 'unreachable' | 'not-a-hub' | 'certificate' | 'refused';
  /** The system's or the hub's error code (ECONNREFUSED, ETIMEDOUT, wrong-code, …): the screen words it in the PC's language. */
  readonly code: string | undefined;

  constructor(reason: PairingError['reason'], message: string, code?: string) {
    super(message);
    this.name = 'PairingError';
    this.reason = reason;
    this.code = code;
  }
}

/** A connection's error code, if it has one (a request that timed out has ETIMEDOUT). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

const timedOut = () => Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });

/** A hub's answers are a few kilobytes: anything much larger (from whoever answered at that address) is cut off. */
const MAX_ANSWER = 64 * 1024;

/**
 * Step 1 of pairing: ask the hub for its site CA over a connection not yet
 * trusted, and check that the certificate the hub actually presents is
 * signed by that CA. IT compares the fingerprint with the console's before
 * anything is pinned.
 */
export async function inspectHub(address: string, timeoutMs = 8_000): Promise<{ caPem: string; fingerprint: string }> {
  const { X509Certificate } = await import('node:crypto');
  return new Promise((resolve, reject) => {
    const url = new URL('/api/ca', address);
    // A connection of its own (agent: false): a resumed TLS session carries no peer certificate, so IT's second check would read as a false "certificate" refusal.
    const req = request(url, { method: 'GET', rejectUnauthorized: false, timeout: timeoutMs, agent: false }, (res) => {
      const peer = (res.socket as TLSSocket).getPeerCertificate(false);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > MAX_ANSWER) req.destroy(new Error('the answer is too large'));
      });
      res.on('end', () => {
        try {
          const parsed = z.strictObject({ certificate: z.string(), fingerprint: z.string() }).parse(JSON.parse(body));
          const ca = new X509Certificate(parsed.certificate);
          const served = peer?.raw ? new X509Certificate(peer.raw) : undefined;
          if (!ca.ca || !served || !served.checkIssued(ca) || !served.verify(ca.publicKey)) {
            reject(new PairingError('certificate', 'the hub\'s certificate is not signed by the CA it offers'));
            return;
          }
          resolve({ caPem: parsed.certificate, fingerprint: ca.fingerprint256 });
        } catch {
          reject(new PairingError('not-a-hub', `${address} did not answer as a Tupa hub`));
        }
      });
    });
    req.on('timeout', () => req.destroy(timedOut()));
    req.on('error', (error) => reject(new PairingError('unreachable', `${address} cannot be reached: ${error.message}`, errorCode(error))));
    req.end();
  });
}

/**
 * Step 2, after IT confirmed the fingerprint: pin the CA and pair with the
 * one-time code. From here on the PC talks to no server its CA did not sign.
 */
export async function pairWithHub(
  address: string,
  caPem: string,
  code: string,
  pc: { pcId: string; name: string; room: string },
  timeoutMs = 8_000,
): Promise<{ deviceToken: string; codeKey: Buffer; siteName: string }> {
  const body = JSON.stringify({ code, pcId: pc.pcId, name: pc.name, room: pc.room, protocol: HUB_PROTOCOL_VERSION });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/api/pair', address),
      {
        method: 'POST',
        ca: caPem,
        // The pinned site CA is the hub's identity; its host name may be an address IT typed.
        checkServerIdentity: () => undefined,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
          if (text.length > MAX_ANSWER) req.destroy(new Error('the answer is too large'));
        });
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          if (res.statusCode !== 200) {
            const answer = json as { message?: string; error?: unknown } | undefined;
            reject(new PairingError('refused', answer?.message ?? `HTTP ${res.statusCode}`, typeof answer?.error === 'string' ? answer.error : undefined));
            return;
          }
          const parsed = PairResponse.safeParse(json);
          if (!parsed.success) {
            reject(new PairingError('not-a-hub', 'the hub\'s answer could not be read'));
            return;
          }
          resolve({ deviceToken: parsed.data.deviceToken, codeKey: Buffer.from(parsed.data.codeKey, 'base64'), siteName: parsed.data.siteName });
        });
      },
    );
    req.on('timeout', () => req.destroy(timedOut()));
    req.on('error', (error) => {
      const certificate = /certificate|self.signed|unable to verify/i.test(error.message);
      reject(
        certificate
          ? new PairingError('certificate', 'the hub\'s certificate is not signed by the site CA', errorCode(error))
          : new PairingError('unreachable', error.message, errorCode(error)),
      );
    });
    req.end(body);
  });
}
