import { beforeAll, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createServer, connect } from 'node:tls';
import { webcrypto } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { caPermits, createSiteCa, issueServerCertificate, signedBy, type KeyedCertificate } from '../../../main/hub/tls';

// The site CA signs only for the site: its own names, local-network names
// and private addresses. Its key, if stolen from a kiosk, cannot pose as a
// bank to the advisors' devices that trust it.

const NOW = Date.now();
let ca: KeyedCertificate;

beforeAll(async () => {
  ca = await createSiteCa('Kirjasto', NOW, ['digituki-1', 'tupa.kirjasto.fi', '192.168.20.10']);
});

describe('the site CA', () => {
  it('carries critical name constraints', () => {
    const ext = new x509.X509Certificate(ca.certPem).getExtension('2.5.29.30');
    expect(ext?.critical).toBe(true);
  });

  it('permits the site\'s names, local-network names and private addresses only', () => {
    for (const name of ['localhost', 'digituki-1', 'tupa.kirjasto.fi', 'hub.tupa.kirjasto.fi', 'hub.kirjasto.local', 'pc.lan', 'hub.home.arpa', '192.168.20.10', '10.1.2.3', '172.20.0.1', '127.0.0.1', '::1', 'fd12:3456::1', 'fe80::1']) {
      expect(caPermits(ca.certPem, name), name).toBe(true);
    }
    for (const name of ['www.example.com', 'kirjasto.fi', 'evil-local', 'xlocal', 'localhost.evil.com', '8.8.8.8', '172.32.0.1', '2001:db8::1', 'digituki-2']) {
      expect(caPermits(ca.certPem, name), name).toBe(false);
    }
  });

  it('lets a CA made before the constraints permit everything (older sites keep working)', async () => {
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const old = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=Old site CA',
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    });
    expect(caPermits(old.toString('pem'), 'www.example.com')).toBe(true);
  });
});

async function handshake(server: KeyedCertificate, servername: string): Promise<string> {
  const tls = createServer({ key: server.keyPem, cert: server.certPem }, (socket) => socket.end());
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', () => resolve()));
  try {
    return await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: (tls.address() as AddressInfo).port, ca: ca.certPem, servername }, () => {
        resolve('ok');
        socket.end();
      });
      socket.on('error', (error) => resolve(error.message));
    });
  } finally {
    tls.close();
  }
}

describe('a certificate the CA signs anyway outside its names', () => {
  it('is refused by TLS clients that trust the CA', async () => {
    const rogue = await issueServerCertificate(ca, ['www.example.com'], NOW);
    expect(signedBy(rogue.certPem, ca.certPem)).toBe(true);
    expect(await handshake(rogue, 'www.example.com')).toMatch(/permitted subtree violation|name constraints/i);
  });

  it('while the hub\'s own certificate is accepted', async () => {
    const own = await issueServerCertificate(ca, ['hub.kirjasto.local', '192.168.20.10'], NOW);
    expect(await handshake(own, 'hub.kirjasto.local')).toBe('ok');
  });
});
