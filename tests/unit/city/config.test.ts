import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/load';
import { loadCityConfig, parseCityConfig } from '../../../main/city/config';
import { createCityReceiver, describeStorage, openCityStore } from '../../../main/city/receiver';

const made: string[] = [];
const dir = () => {
  const path = mkdtempSync(join(tmpdir(), 'tupa-city-config-'));
  made.push(path);
  return path;
};
afterAll(() => {
  for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
});

function problems(run: () => unknown): Array<{ file: string; field: string; reason: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('no ConfigError');
}

function file(content: string): string {
  const path = join(dir(), 'city.json');
  writeFileSync(path, content);
  return path;
}

describe("the city receiver's configuration", () => {
  it('has defaults for everything: 127.0.0.1:4790, SQLite, Helsinki', () => {
    const { config, source, dataDir } = loadCityConfig({ dataDir: dir(), env: {} });
    expect(source).toBe('defaults');
    expect(config).toMatchObject({ listen: { host: '127.0.0.1', port: 4790 }, storage: { kind: 'sqlite' }, timeZone: 'Europe/Helsinki', hostnames: [], trustProxy: [], limits: { requestsPerMinute: 600, requestTimeoutSeconds: 30 } });
    expect(config.tls).toBeUndefined();
    expect(dataDir).toMatch(/tupa-city-config-/);
  });

  it('names the file, the field and the reason of every problem at once', () => {
    const path = file(JSON.stringify({ listen: { port: 70000, hots: 'x' }, storage: { kind: 'postgres' }, timeZone: 'Europe/Kemi', tls: { cert: 'a.pem' }, publicOrigin: 'http://tilastot.example.fi' }));
    let message = '';
    try {
      loadCityConfig({ file: path, env: {} });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')[0]).toBe("The city receiver's configuration has 6 problems; nothing was started.");
    expect(problems(() => loadCityConfig({ file: path, env: {} }))).toEqual([
      { file: path, field: 'listen.port', reason: 'must be at most 65535 (found 70000)' },
      { file: path, field: 'listen', reason: 'unknown field "hots"' },
      { file: path, field: 'tls.key', reason: 'must be text' },
      { file: path, field: 'storage.url', reason: 'must be text' },
      { file: path, field: 'timeZone', reason: 'must be an IANA time zone such as Europe/Helsinki (found "Europe/Kemi")' },
      { file: path, field: 'publicOrigin', reason: 'must be an https:// address (found "http://tilastot.example.fi")' },
    ]);
  });

  it('says where a file stops being JSON, and when a named file is missing', () => {
    const broken = file('{\n  "listen": { "port": 4790, }\n}');
    expect(problems(() => loadCityConfig({ file: broken, env: {} }))).toEqual([{ file: broken, field: '(file)', reason: 'is not valid JSON: line 2, column 29: a field name in double quotes is expected (or a comma too many)' }]);
    expect(problems(() => loadCityConfig({ file: '/nowhere/city.json', env: {} }))).toEqual([{ file: '/nowhere/city.json', field: '(file)', reason: 'the file does not exist' }]);
    expect(problems(() => loadCityConfig({ env: { TUPA_CITY_CONFIG: '/nowhere/else.json' } }))).toEqual([{ file: '/nowhere/else.json', field: '(file)', reason: 'the file does not exist' }]);
  });

  it('refuses an unknown storage and a URL that is not PostgreSQL\'s', () => {
    expect(problems(() => parseCityConfig({ storage: { kind: 'mysql' } }))).toEqual([{ file: '(options)', field: 'storage.kind', reason: 'must be "sqlite" (one file in the data folder) or "postgres" (with a url)' }]);
    expect(problems(() => parseCityConfig({ storage: { kind: 'postgres', url: 'mysql://db/city' } }))[0]).toMatchObject({ field: 'storage.url', reason: expect.stringMatching(/^must be a PostgreSQL URL: postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/) });
    expect(problems(() => parseCityConfig({ storage: { kind: 'sqlite', url: 'postgres://x' } }))).toEqual([{ file: '(options)', field: 'storage', reason: 'unknown field "url"' }]);
  });

  it('finds city.json in the data folder; TUPA_CITY_DATABASE_URL chooses PostgreSQL', () => {
    const data = dir();
    writeFileSync(join(data, 'city.json'), JSON.stringify({ listen: { port: 4800 }, storage: { kind: 'postgres', url: 'postgres://a@b/c', poolSize: 3 } }));
    const { config, source } = loadCityConfig({ dataDir: data, env: {} });
    expect(source).toBe(join(data, 'city.json'));
    expect(config.listen.port).toBe(4800);
    const fromEnv = loadCityConfig({ dataDir: data, env: { TUPA_CITY_DATABASE_URL: 'postgres://city:secret@db.example.fi:5432/tupa' } });
    expect(fromEnv.config.storage).toEqual({ kind: 'postgres', url: 'postgres://city:secret@db.example.fi:5432/tupa', poolSize: 3 });
    expect(problems(() => loadCityConfig({ dataDir: data, env: { TUPA_CITY_DATABASE_URL: 'db.example.fi' } }))[0]).toMatchObject({ file: 'TUPA_CITY_DATABASE_URL', field: 'url' });
    expect(loadCityConfig({ env: { TUPA_CITY_DATA_DIR: data } }).config.listen.port).toBe(4800);
  });

  it('the data folder: --data-dir, else TUPA_CITY_DATA_DIR, else the file\'s dataDir', () => {
    const path = file(JSON.stringify({ dataDir: '/srv/tupa-city' }));
    expect(loadCityConfig({ file: path, env: {} }).dataDir).toBe('/srv/tupa-city');
    expect(loadCityConfig({ file: path, env: { TUPA_CITY_DATA_DIR: '/var/lib/x' } }).dataDir).toBe('/var/lib/x');
    expect(loadCityConfig({ file: path, dataDir: '/flag', env: { TUPA_CITY_DATA_DIR: '/var/lib/x' } }).dataDir).toBe('/flag');
  });

  it('checks options given in code the same way, and says when a certificate file cannot be read', async () => {
    await expect(createCityReceiver({ dataDir: dir(), listen: { port: -1 } })).rejects.toThrow("options): listen.port: must be at least 0 (found -1)");
    const data = dir();
    mkdirSync(join(data, 'x'));
    await expect(createCityReceiver({ dataDir: data, tls: { cert: join(data, 'missing.pem'), key: join(data, 'key.pem') } })).rejects.toThrow(/missing\.pem: tls\.cert: cannot be read: ENOENT/);
  });

  it('says which PostgreSQL server it cannot reach, never with its password', async () => {
    const config = parseCityConfig({ storage: { kind: 'postgres', url: 'postgres://city:very-secret-pw@127.0.0.1:1/tupa', poolSize: 1 } });
    const failure = await openCityStore(config, dir()).then(
      () => new Error('opened'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(/^cannot open the PostgreSQL database 127\.0\.0\.1:1\/tupa: .*ECONNREFUSED/);
    expect(failure.message).not.toContain('very-secret-pw');
    expect(describeStorage(config, '/data')).toBe('PostgreSQL 127.0.0.1:1/tupa');
    expect(describeStorage(parseCityConfig({}), '/data')).toBe('SQLite /data/city.sqlite');
  });
});
