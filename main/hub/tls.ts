import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { isIP } from 'node:net';

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

/** The site's certificate authority, made once at the hub's first start; PCs pin it when they pair. */
export async function createSiteCa(siteName: string, now: number): Promise<KeyedCertificate> {
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
