import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load';
import { caPermits, createSiteCa, issueServerCertificate, needsRenewal, type KeyedCertificate } from '../hub/tls';

export interface ServerTls {
  key: string;
  cert: string;
  /** What a hub or a test pins: the self-signed CA, or the configured `tls.ca` (undefined: a public CA's certificate). */
  caPem: string | undefined;
  /** Configured host names the self-signed CA may not sign for (made before they were added): left out. */
  refused: string[];
}

const ALWAYS = ['localhost', '127.0.0.1', '::1'];

/**
 * The receiver's certificate: the configured files, or a CA and server
 * certificate of its own made at the first start and kept in
 * `<data folder>/tls/` (the key files readable by the owner only). The
 * server certificate is renewed when it nears its end or lacks a name.
 */
export async function receiverTls(options: { dataDir: string; files?: { cert: string; key: string; ca?: string | undefined } | undefined; hostnames: readonly string[]; now: number }): Promise<ServerTls> {
  if (options.files) {
    const read = (field: string, file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        throw new ConfigError([{ file, field: `tls.${field}`, reason: `cannot be read: ${(error as Error).message}` }], "The city receiver's configuration");
      }
    };
    return { cert: read('cert', options.files.cert), key: read('key', options.files.key), caPem: options.files.ca ? read('ca', options.files.ca) : undefined, refused: [] };
  }
  const dir = join(options.dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => join(dir, name);
  let ca: KeyedCertificate;
  if (existsSync(file('ca.pem')) && existsSync(file('ca-key.pem'))) {
    ca = { certPem: readFileSync(file('ca.pem'), 'utf8'), keyPem: readFileSync(file('ca-key.pem'), 'utf8') };
  } else {
    ca = await createSiteCa('City receiver', options.now, options.hostnames);
    writeFileSync(file('ca-key.pem'), ca.keyPem, { mode: 0o600 });
    writeFileSync(file('ca.pem'), ca.certPem, { mode: 0o644 });
  }
  const wanted = [...ALWAYS, ...options.hostnames];
  const names = wanted.filter((name) => caPermits(ca.certPem, name));
  let server: KeyedCertificate | undefined;
  if (existsSync(file('server.pem')) && existsSync(file('server-key.pem'))) {
    server = { certPem: readFileSync(file('server.pem'), 'utf8'), keyPem: readFileSync(file('server-key.pem'), 'utf8') };
    if (needsRenewal(server.certPem, names, options.now)) server = undefined;
  }
  if (!server) {
    server = await issueServerCertificate(ca, names, options.now);
    writeFileSync(file('server-key.pem'), server.keyPem, { mode: 0o600 });
    writeFileSync(file('server.pem'), server.certPem, { mode: 0o644 });
  }
  return { key: server.keyPem, cert: server.certPem, caPem: ca.certPem, refused: wanted.filter((name) => !names.includes(name)) };
}
