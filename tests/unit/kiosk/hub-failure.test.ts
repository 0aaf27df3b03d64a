import { readFileSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectHub, pairWithHub, PairingError } from '../../../main/kiosk/pairing';
import { hubFailureText, type HubFailure, type HubFailureText } from '../../../renderer/kiosk/maintenance/hub-failure';
import { startHub, stopAll } from '../../integration/hub-support';

const LOCALES = resolve(import.meta.dirname, '../../../resources/locales');
const KIOSK_LANGUAGES = ['fi', 'sv', 'en', 'se'] as const;

/** The maintenance screen's sentence for a failure, in one language (as the screen words it). */
function screenText(lng: string, failure: Pick<HubFailure, 'reason' | 'code'>): string {
  const i18n = i18next.createInstance();
  void i18n.init({
    lng,
    resources: { [lng]: { translation: JSON.parse(readFileSync(join(LOCALES, `${lng}.json`), 'utf8')) as object } },
    initAsync: false,
  });
  const key = `maintenance.failed-${hubFailureText(failure)}`;
  expect(i18n.exists(key), `${lng}: ${key}`).toBe(true);
  return i18n.t(key);
}

async function failureOf(attempt: Promise<unknown>): Promise<PairingError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PairingError);
  return error as PairingError;
}

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await stopAll();
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

describe('pairing failures on the maintenance screen, in the PC\'s language', () => {
  it('IT checks an address where no hub listens: the screen says in Finnish that the hub cannot be reached, and keeps ECONNREFUSED for IT', async () => {
    const port = await listen(createServer());
    await new Promise((r) => servers.pop()!.close(r));
    const failure = await failureOf(inspectHub(`https://127.0.0.1:${port}`));
    expect(failure).toMatchObject({ reason: 'unreachable', code: 'ECONNREFUSED' });
    expect(failure.message).toContain('ECONNREFUSED');
    const fi = screenText('fi', failure);
    expect(fi).toBe('Palvelimeen ei saada yhteyttä tästä osoitteesta. Tarkista osoite ja että palvelin on käynnissä samassa verkossa.');
    expect(fi).not.toMatch(/ECONN|connect|refused/i);
  });

  it('IT checks an address whose machine never answers: the screen says the hub did not answer in time', async () => {
    const port = await listen(createServer((socket) => sockets.push(socket)));
    const failure = await failureOf(inspectHub(`https://127.0.0.1:${port}`, 300));
    expect(failure).toMatchObject({ reason: 'unreachable', code: 'ETIMEDOUT' });
    expect(screenText('fi', failure)).toBe('Palvelin ei vastannut ajoissa. Tarkista osoite ja verkko ja yritä uudelleen.');
    expect(screenText('sv', failure)).toBe('Servern svarade inte i tid. Kontrollera adressen och nätverket och försök igen.');
  });

  it('IT types a wrong pairing code: the hub\'s refusal reads as a wrong code, not as the hub\'s English', async () => {
    const th = await startHub();
    const inspected = await inspectHub(th.address);
    const failure = await failureOf(pairWithHub(th.address, inspected.caPem, '00000000', { pcId: 'pc-9', name: 'PC 9', room: 'Sali' }));
    expect(failure).toMatchObject({ reason: 'refused', code: 'wrong-code' });
    expect(screenText('fi', failure)).toBe('Parinmuodostuskoodi on väärä, käytetty tai vanhentunut. Luo uusi koodi neuvojan näkymässä.');
  });

  it('IT checks the hub a second time, a while later: the same fingerprint, not a false certificate refusal', async () => {
    const th = await startHub();
    const first = await inspectHub(th.address);
    // A while later the first connection is gone (the hub closes idle ones); the next one must not resume its TLS session.
    globalAgent.destroy();
    const again = await inspectHub(th.address);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.fingerprint).toBe(th.hub.caFingerprint);
  });

  it('words a code it does not know by its reason, and never takes a system code for the hub\'s or the other way round', () => {
    expect(hubFailureText({ reason: 'unreachable', code: 'EHOSTUNREACH' })).toBe('unreachable');
    expect(hubFailureText({ reason: 'unreachable', code: 'wrong-code' })).toBe('unreachable');
    expect(hubFailureText({ reason: 'refused', code: 'ETIMEDOUT' })).toBe('refused');
    expect(hubFailureText({ reason: 'refused', code: 'toString' })).toBe('refused');
    expect(hubFailureText({ reason: 'refused', code: 'rate-limited' })).toBe('slow-down');
    expect(hubFailureText({ reason: 'unreachable', code: 'invalid-address' })).toBe('address');
    expect(hubFailureText({ reason: 'certificate' })).toBe('certificate');
  });

  it('has a sentence for every failure in every kiosk language, Finnish, Swedish and Sámi each their own', () => {
    const all: Array<Pick<HubFailure, 'reason' | 'code'>> = [
      { reason: 'locked' },
      { reason: 'unreachable', code: 'invalid-address' },
      { reason: 'unreachable', code: 'ENOTFOUND' },
      { reason: 'unreachable', code: 'ETIMEDOUT' },
      { reason: 'unreachable' },
      { reason: 'not-a-hub' },
      { reason: 'certificate' },
      { reason: 'fingerprint-changed' },
      { reason: 'refused', code: 'wrong-code' },
      { reason: 'refused', code: 'slow-down' },
      { reason: 'refused', code: 'already-paired' },
      { reason: 'refused', code: 'version' },
      { reason: 'refused' },
    ];
    const kinds = new Set<HubFailureText>(all.map(hubFailureText));
    expect(kinds.size).toBe(all.length);
    for (const failure of all) {
      const english = screenText('en', failure);
      for (const lng of KIOSK_LANGUAGES) {
        const text = screenText(lng, failure);
        expect(text.length).toBeGreaterThan(10);
        if (lng !== 'en') expect(text, `${lng}: ${hubFailureText(failure)}`).not.toBe(english);
      }
    }
  });
});
