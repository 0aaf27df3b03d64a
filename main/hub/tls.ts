import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { isIP } from 'node:net';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;
export const CA_LIFETIME_DAYS = 20 * 365;
export const SERVER_LIFETIME_DAYS = 2 * 365;
/** A server certificate this close to its end is renewed at the hub's next start. */
export const RENEW_BEFORE_DAYS = 60;

export interface KeyedCertificate {
  certPem: string;
  keyPem: string;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END PRIVATE KEY-----\n`;
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, ['sign']);
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

/** Private and local address ranges: the only addresses a site CA may sign for. */
export const SITE_IP_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', '::1/128', 'fc00::/7', 'fe80::/10'];
/** Name suffixes for machines on a local network (RFC 6762, 8375 and common practice). */
export const SITE_DNS_SUFFIXES = ['localhost', 'local', 'lan', 'internal', 'home.arpa', 'localdomain'];

/**
 * The site's certificate authority, made once at the hub's first start; PCs
 * pin it when they pair, and advisors' devices trust it. It may sign only
 * for the site's own names (`names`, the machine's), local-network names
 * and private addresses (a critical NameConstraints extension): its key, if
 * ever stolen, cannot impersonate a bank or a webmail to those devices.
 */
export async function createSiteCa(siteName: string, now: number, names: readonly string[] = []): Promise<KeyedCertificate> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${escapeDn(siteName)} Tupa site CA`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + CA_LIFETIME_DAYS * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** The hub's server certificate, signed by the site CA, for its host names and addresses. */
export async function issueServerCertificate(ca: KeyedCertificate, names: readonly string[], now: number): Promise<KeyedCertificate> {
  const keys = await keyPair();
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importPrivateKey(ca.keyPem);
  const unique = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${escapeDn(unique[0] ?? 'tupa-hub')}`,
    issuer: caCert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + SERVER_LIFETIME_DAYS * DAY),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(unique.map((n) => (isIP(n) ? { type: 'ip', value: n } : { type: 'dns', value: n }))),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

function nameConstraints(names: readonly string[]): x509.Extension {
  const dns = [...new Set([...SITE_DNS_SUFFIXES, ...names.map((n) => n.trim().toLowerCase()).filter((n) => n && isIP(n) === 0)])];
  const permitted = new GeneralSubtrees([
    ...dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
    ...SITE_IP_RANGES.map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
  ]);
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(new NameConstraints({ permittedSubtrees: permitted })));
}

/**
 * Whether the CA may sign for this name or address: always true for a CA
 * without name constraints (sites made before they were added).
 */
export function caPermits(caPem: string, name: string): boolean {
  const extension = new x509.X509Certificate(caPem).getExtension(id_ce_nameConstraints);
  if (!extension) return true;
  const constraints = AsnConvert.parse(extension.value, NameConstraints);
  const value = name.trim().toLowerCase();
  const ip = isIP(value);
  return (constraints.permittedSubtrees ?? []).some(({ base }) => {
    if (ip === 0 && base.dNSName !== undefined) {
      const suffix = base.dNSName.toLowerCase();
      return value === suffix || value.endsWith(`.${suffix}`);
    }
    if (ip !== 0 && base.iPAddress !== undefined) return inRange(value, base.iPAddress);
    return false;
  });
}

function inRange(address: string, cidr: string): boolean {
  const [range = '', bitsText = ''] = cidr.split('/');
  const a = ipBytes(address);
  const r = ipBytes(range);
  if (!a || !r || a.length !== r.length) return false;
  let bits = Number(bitsText);
  for (let i = 0; i < a.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i]! & mask) !== (r[i]! & mask)) return false;
  }
  return true;
}

function ipBytes(address: string): number[] | undefined {
  if (isIP(address) === 4) return address.split('.').map(Number);
  if (isIP(address) !== 6) return undefined;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** SHA-256 fingerprint as IT compares it: "AB:CD:…" (32 bytes). */
export function fingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Whether `certPem` is signed by the CA in `caPem` (and the CA is one). */
export function signedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return ca.ca && cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

/** True when the certificate is missing a name or ends within RENEW_BEFORE_DAYS. */
export function needsRenewal(certPem: string, names: readonly string[], now: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (Date.parse(cert.validTo) - now < RENEW_BEFORE_DAYS * DAY) return true;
    const san = cert.subjectAltName ?? '';
    return names.some((n) => !san.toLowerCase().includes(n.toLowerCase()));
  } catch {
    return true;
  }
}

function escapeDn(value: string): string {
  return value.replace(/[,+="\\<>;#]/g, ' ').trim().slice(0, 60) || 'Tupa';
}
