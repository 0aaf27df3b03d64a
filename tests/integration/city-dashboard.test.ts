/**
 * The coordinator's side of the city receiver over real HTTPS: signing in
 * (a cookie; wrong passwords slowed down), the dashboard's month sums and
 * filter, the CSV export (BOM, CRLF, Finnish Excel's ";" and decimal
 * comma, "<5" kept, formulas defused), the page and its headers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../preload/city-contract';
import { disableCoordinator } from '../../main/city/accounts';
import { SESSION_COOKIE } from '../../main/city/server';
import { batch, cell, COORDINATOR, day, describeStorages, request, startCity, stopAll, tempDir, type TestCity } from './city-support';

afterEach(stopAll);

/** Two sites with figures in April, May and June 2026 (a third site has none). */
async function withFigures(city: TestCity): Promise<void> {
  const kemi = await city.addSite('kemijarvi', 'Kemijärven asukastupa');
  const kouvola = await city.addSite('kouvola', '=HYPERLINK("http://evil.example","Kouvola")');
  await city.addSite('rovaniemi', 'Rovaniemi, "Pirtti"');
  const sent = await city.send(
    kemi,
    batch('kemijarvi', [
      day('2026-04-30', 'sessions', 2),
      day('2026-05-04', 'sessions', 12),
      day('2026-05-05', 'sessions', 8),
      day('2026-05-04', 'minutes', 540),
      day('2026-05-05', 'minutes', 361),
      day('2026-05-04', 'help-calls', 3),
      day('2026-05-06', 'help-calls', 1),
      day('2026-05-05', 'no-shows', 1),
      day('2026-06-01', 'sessions', 5),
      // Help on the screen: 7 calls, 6 answered after 540 s in all, the time shown "<5" (fewer than 5 calls shown).
      day('2026-05-04', 'remote-calls', 4),
      day('2026-05-06', 'remote-calls', 3),
      cell('2026-05', 'remote-answered', 6),
      cell('2026-05', 'remote-wait-seconds', 540),
      cell('2026-05', 'remote-shared-seconds', '<5'),
      cell('2026-05', 'feedback.good', 11),
      cell('2026-05', 'feedback.ok', '<5'),
      cell('2026-05', 'language.so', '<5'),
      cell('2026-05', 'hour.10', 6),
    ]),
  );
  expect(sent.status, sent.text).toBe(200);
  city.clock.at += 3_600_000;
  expect((await city.send(kouvola, batch('kouvola', [day('2026-05-10', 'sessions', 4), day('2026-05-10', 'minutes', 0), cell('2026-05', 'feedback.bad', 5)]))).status).toBe(200);
}

describeStorages('the dashboard', ({ kind }) => {
  it('sums the daily totals over each month, keeps the breakdown cells as received, and filters by month', async () => {
    const city = await startCity(kind);
    const first = city.clock.now();
    await withFigures(city);
    const cookie = await city.signIn();
    const answer = await city.get<Dashboard>(cookie, '/api/dashboard?from=2026-05&to=2026-05');
    expect(answer.status, answer.text).toBe(200);
    const dashboard = Dashboard.parse(answer.body);
    expect(dashboard.months).toEqual(['2026-05']);
    expect(dashboard.sites).toEqual([
      { id: 'kemijarvi', name: 'Kemijärven asukastupa', lastSyncAt: first },
      { id: 'kouvola', name: '=HYPERLINK("http://evil.example","Kouvola")', lastSyncAt: first + 3_600_000 },
      { id: 'rovaniemi', name: 'Rovaniemi, "Pirtti"' },
    ]);
    expect(dashboard.rows).toEqual([
      {
        site: 'kemijarvi',
        month: '2026-05',
        sessions: 20,
        minutes: 901,
        helpCalls: 4,
        noShows: 1,
        pages: 0,
        remoteCalls: 7,
        breakdown: { 'feedback.good': 11, 'feedback.ok': '<5', 'language.so': '<5', 'hour.10': 6, 'remote-answered': 6, 'remote-wait-seconds': 540, 'remote-shared-seconds': '<5' },
        updatedAt: first,
      },
      { site: 'kouvola', month: '2026-05', sessions: 4, minutes: 0, helpCalls: 0, noShows: 0, pages: 0, remoteCalls: 0, breakdown: { 'feedback.bad': 5 }, updatedAt: first + 3_600_000 },
    ]);

    const range = Dashboard.parse((await city.get(cookie, '/api/dashboard?from=2026-03&to=2026-06')).body);
    expect(range.months).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    expect(range.rows.map((r) => [r.site, r.month, r.sessions])).toEqual([
      ['kemijarvi', '2026-04', 2],
      ['kemijarvi', '2026-05', 20],
      ['kemijarvi', '2026-06', 5],
      ['kouvola', '2026-05', 4],
    ]);
    // No range: the twelve months up to this one.
    const year = Dashboard.parse((await city.get(cookie, '/api/dashboard')).body);
    expect(year.months).toHaveLength(12);
    expect(year.months.at(-1)).toBe('2026-06');
    expect(year.rows).toHaveLength(4);
  });

  it('a newer revision changes the month sum; a repeat does not', async () => {
    const city = await startCity(kind);
    const token = await city.addSite('kemijarvi');
    const cookie = await city.signIn();
    await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 12), day('2026-05-05', 'sessions', 8)]));
    await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 12), day('2026-05-05', 'sessions', 8)]));
    const sessions = async () => Dashboard.parse((await city.get(cookie, '/api/dashboard?from=2026-05&to=2026-05')).body).rows[0]!.sessions;
    expect(await sessions()).toBe(20);
    await city.send(token, batch('kemijarvi', [day('2026-05-05', 'sessions', 9, 2)]));
    expect(await sessions()).toBe(21);
  });

  it('exports CSV: BOM, CRLF, Finnish headers by default, "<5" kept, formulas defused, quoted per RFC 4180', async () => {
    const city = await startCity(kind);
    await withFigures(city);
    const cookie = await city.signIn();
    const answer = await city.get(cookie, '/api/export.csv?from=2026-04&to=2026-05');
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="tupa-2026-04_2026-05.csv"');
    expect(answer.text.startsWith('\uFEFF')).toBe(true);
    expect(answer.text.endsWith('\r\n')).toBe(true);
    expect(answer.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(answer.text.slice(1).split('\r\n')).toEqual([
      'Toimipisteen tunnus,Toimipiste,Kuukausi,Istunnot,Käytetyt minuutit,Avunpyynnöt,Saapumatta jääneet,Tulostetut sivut,Apu näytöllä: pyynnöt,Apu näytöllä: odotus vastaukseen keskimäärin (min),Apu näytöllä: sivua näytetty (min),Keskimääräinen kesto (min),Palaute: hyvä,Palaute: kohtalainen,Palaute: huono',
      'kemijarvi,Kemijärven asukastupa,2026-04,2,0,0,0,0,0,,0.0,0.0,,,',
      'kemijarvi,Kemijärven asukastupa,2026-05,20,901,4,1,0,7,1.5,<5,45.1,11,<5,',
      `kouvola,"'=HYPERLINK(""http://evil.example"",""Kouvola"")",2026-05,4,0,0,0,0,0,,0.0,0.0,,,5`,
      '',
    ]);
  });

  it('exports CSV for Excel with Finnish settings: ";" between fields and a decimal comma; English and Swedish headers', async () => {
    const city = await startCity(kind);
    await withFigures(city);
    const cookie = await city.signIn();
    const fi = await city.get(cookie, '/api/export.csv?from=2026-05&to=2026-05&decimal=comma');
    expect(fi.text.slice(1).split('\r\n')).toEqual([
      'Toimipisteen tunnus;Toimipiste;Kuukausi;Istunnot;Käytetyt minuutit;Avunpyynnöt;Saapumatta jääneet;Tulostetut sivut;Apu näytöllä: pyynnöt;Apu näytöllä: odotus vastaukseen keskimäärin (min);Apu näytöllä: sivua näytetty (min);Keskimääräinen kesto (min);Palaute: hyvä;Palaute: kohtalainen;Palaute: huono',
      'kemijarvi;Kemijärven asukastupa;2026-05;20;901;4;1;0;7;1,5;<5;45,1;11;<5;',
      `kouvola;"'=HYPERLINK(""http://evil.example"",""Kouvola"")";2026-05;4;0;0;0;0;0;;0,0;0,0;;;5`,
      '',
    ]);
    const en = await city.get(cookie, '/api/export.csv?from=2026-05&to=2026-05&lang=en');
    expect(en.text.slice(1).split('\r\n')[0]).toBe('Site id,Site,Month,Sessions,Minutes used,Help calls,No-shows,Pages printed,Help on the screen: calls,Help on the screen: average wait until answered (min),Help on the screen: minutes the page was shown,Average minutes per session,Feedback: good,Feedback: ok,Feedback: bad');
    const sv = await city.get(cookie, '/api/export.csv?from=2026-05&to=2026-05&lang=sv&decimal=point');
    expect(sv.text.slice(1).split('\r\n')[0]).toMatch(/^Verksamhetsställets id,Verksamhetsställe,Månad,Pass,/);
    const bad = await city.get(cookie, '/api/export.csv?decimal=semicolon');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'decimal', message: 'decimal: must be one of "point", "comma" (found "semicolon")' });
    const audit = (await city.receiver.store.auditLog(20)).filter((a) => a.action === 'figures exported');
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ actor: `coordinator:${COORDINATOR.name}`, details: { from: '2026-05', to: '2026-05' } });
  });
});

describe('signing in', () => {
  it('the dashboard and the export need a signed-in coordinator', async () => {
    const city = await startCity('sqlite');
    for (const path of ['/api/dashboard', '/api/export.csv', '/api/session']) {
      const answer = await request(city, 'GET', path);
      expect(answer.status, path).toBe(401);
      expect(answer.body).toEqual({ error: 'unauthorized', message: 'Sign in first.' });
    }
    const forged = await city.get(`${SESSION_COOKIE}=made-up`, '/api/dashboard');
    expect(forged.status).toBe(401);
  });

  it('sets an HttpOnly, Secure, SameSite=Strict cookie; signing out ends the session', async () => {
    const city = await startCity('sqlite');
    const answer = await request(city, 'POST', '/api/session', { body: COORDINATOR, headers: { origin: city.origin } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ name: COORDINATOR.name });
    const setCookie = [answer.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Strict$`));
    const cookie = setCookie.split(';')[0]!;
    expect((await city.get(cookie, '/api/session')).body).toEqual({ name: COORDINATOR.name });
    expect((await city.get(cookie, '/api/dashboard')).status).toBe(200);
    // Signing out: only from the dashboard's own page.
    expect((await request(city, 'DELETE', '/api/session', { headers: { cookie } })).status).toBe(403);
    expect((await request(city, 'DELETE', '/api/session', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    const out = await request(city, 'DELETE', '/api/session', { headers: { cookie, origin: city.origin } });
    expect(out.status).toBe(200);
    expect([out.headers['set-cookie']].flat().join()).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect((await city.get(cookie, '/api/dashboard')).status).toBe(401);
  });

  it('refuses a sign-in or a request from another origin', async () => {
    const city = await startCity('sqlite');
    const answer = await request(city, 'POST', '/api/session', { body: COORDINATOR, headers: { origin: 'https://evil.example' } });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'origin' });
    const cookie = await city.signIn();
    expect((await request(city, 'GET', '/api/dashboard', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('slows wrong passwords down per source, instead of locking the account', async () => {
    const city = await startCity('sqlite');
    const wrong = { name: COORDINATOR.name, password: 'väärä-salasana-123' };
    const signIn = (credentials: object, localAddress = '127.0.0.1') => request(city, 'POST', '/api/session', { body: credentials, localAddress });
    for (let i = 0; i < 4; i++) {
      const answer = await signIn(wrong);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'wrong-credentials', message: 'The name or the password is wrong.' });
    }
    // The fourth failure makes this source wait a second; the right password waits too.
    const slowed = await signIn(COORDINATOR);
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({ error: 'slow-down', message: 'Too many failed sign-ins from here; try again in 1 s.' });
    expect(slowed.headers['retry-after']).toBe('1');
    // Another source is not held back; an unknown name answers the same as a wrong password.
    expect((await signIn(COORDINATOR, '127.0.0.2')).status).toBe(200);
    expect((await signIn({ name: 'nobody', password: 'whatever-123' }, '127.0.0.3')).body).toEqual({ error: 'wrong-credentials', message: 'The name or the password is wrong.' });
    city.clock.at += 1_000;
    expect((await signIn(COORDINATOR)).status).toBe(200);
    const failures = (await city.receiver.store.auditLog(50)).filter((a) => a.action === 'sign-in failed');
    expect(failures).toHaveLength(5);
  });

  it('a disabled coordinator is signed out at once and cannot sign in', async () => {
    const city = await startCity('sqlite');
    const cookie = await city.signIn();
    await disableCoordinator(city.receiver.store, COORDINATOR.name, 'test', city.clock.now());
    expect((await city.get(cookie, '/api/dashboard')).status).toBe(401);
    expect((await request(city, 'POST', '/api/session', { body: COORDINATOR })).status).toBe(401);
  });

  it('a session ends after twelve hours', async () => {
    const city = await startCity('sqlite');
    const cookie = await city.signIn();
    city.clock.at += 12 * 3_600_000 - 1;
    expect((await city.get(cookie, '/api/dashboard')).status).toBe(200);
    city.clock.at += 1;
    expect((await city.get(cookie, '/api/dashboard')).status).toBe(401);
  });

  it('checks the sign-in body and the month range', async () => {
    const city = await startCity('sqlite');
    expect((await request(city, 'POST', '/api/session', { body: { ...COORDINATOR, remember: true } })).body).toMatchObject({ field: '(body)', message: '(body): unknown field "remember"' });
    const cookie = await city.signIn();
    expect((await city.get(cookie, '/api/dashboard?from=2026-13')).body).toMatchObject({ field: 'from', message: 'from: a month is YYYY-MM (found "2026-13")' });
    expect((await city.get(cookie, '/api/dashboard?from=2026-06&to=2026-01')).body).toMatchObject({ field: 'from', message: 'from: 2026-06 is after to (2026-01)' });
    expect((await city.get(cookie, '/api/dashboard?from=1990-01&to=2026-01')).body).toMatchObject({ field: 'from', message: 'from: at most 120 months at a time' });
  });
});

describe('the dashboard page', () => {
  it('says to build it when the build is missing, with strict security headers', async () => {
    const city = await startCity('sqlite', { rendererDir: join(tempDir('tupa-no-build-'), 'renderer') });
    const answer = await request(city, 'GET', '/');
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.text).toMatch(/npm run build/);
    expect(answer.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the built page at / and its assets under /assets/, nothing else of the renderer', async () => {
    const renderer = tempDir('tupa-renderer-');
    mkdirSync(join(renderer, 'city'));
    mkdirSync(join(renderer, 'advisor'));
    mkdirSync(join(renderer, 'assets'));
    writeFileSync(join(renderer, 'city', 'index.html'), '<!doctype html><title>Tupa</title><script type="module" src="../assets/city-1.js"></script>');
    writeFileSync(join(renderer, 'advisor', 'index.html'), 'advisor');
    writeFileSync(join(renderer, 'assets', 'city-1.js'), 'console.log("city");');
    const city = await startCity('sqlite', { rendererDir: renderer });
    const page = await request(city, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('../assets/city-1.js');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const script = await request(city, 'GET', '/assets/city-1.js');
    expect(script.status).toBe(200);
    expect(script.text).toBe('console.log("city");');
    expect((await request(city, 'GET', '/advisor/index.html')).status).toBe(404);
    expect((await request(city, 'GET', '/assets/../city/index.html')).status).toBe(404);
  });
});
