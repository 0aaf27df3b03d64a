import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig, validateText } from '../../../main/config/load';
import { sitePolicySchema } from '../../../main/config/policy';
import { checkUrl } from '../../../main/shell/policy/url-policy';
import { setPolicy, showPolicy } from '../../../main/cli/hub-admin';
import { demoConfig } from '../../../main/preview/demo';
import { startHub, stopAll, tempDir } from '../../integration/hub-support';
import { problemsOf } from './support';

// Mistakes IT makes in a PC's configuration or the site's policy that used to
// be accepted and then silently ignored or worked around. Each is refused with
// the file, the field and the reason.

const tile = (id: string, url: string) => ({ id, url, label: { fi: id } });
const one = (url: string) => ({ tiles: [tile('t', url)] });

describe('hours of the day', () => {
  it('IT writes Monday\'s hours the wrong way round: refused, not dropped', () => {
    expect(problemsOf(() => parseConfig({ help: { hours: { mon: [{ from: '15:00', to: '09:00' }] } } }, 'k.json'))).toEqual([
      {
        file: 'k.json',
        field: 'help.hours.mon[0].to',
        reason: 'must be later than "from" (15:00); hours past midnight are a second range from "00:00" (found "09:00")',
      },
    ]);
  });

  it('a range that ends when it starts is refused; one that ends at midnight (24:00) is fine', () => {
    const [problem, ...rest] = problemsOf(() => parseConfig({ help: { hours: { sat: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '13:00' }] } } }, 'k.json'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'help.hours.sat[1].to', reason: expect.stringContaining('must be later than "from" (13:00)') });
    expect(parseConfig({ help: { hours: { sun: [{ from: '18:00', to: '24:00' }] } } }, 'k.json').help.hours.sun).toEqual([{ from: '18:00', to: '24:00' }]);
  });

  it('an exception day\'s hours the wrong way round are refused too', () => {
    const problems = problemsOf(() => parseConfig({ help: { exceptions: [{ date: '2026-12-24', hours: [{ from: '12:00', to: '10:00' }] }] } }, 'k.json'));
    expect(problems.map((p) => p.field)).toEqual(['help.exceptions[0].hours[0].to']);
  });
});

describe('exception dates', () => {
  it('the 30th of February is refused', () => {
    expect(problemsOf(() => parseConfig({ help: { exceptions: [{ date: '2026-02-30', hours: [] }] } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'help.exceptions[0].date', reason: 'must be a date on the calendar (year-month-day) (found "2026-02-30")' },
    ]);
  });

  it.each([
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-12-00', false],
    ['2026-12-31', true],
  ])('%s is a date on the calendar: %s', (date, real) => {
    const attempt = () => parseConfig({ help: { exceptions: [{ date, hours: [] }] } }, 'k.json');
    if (real) expect(attempt().help.exceptions[0]!.date).toBe(date);
    else expect(problemsOf(attempt).map((p) => p.field)).toEqual(['help.exceptions[0].date']);
  });

  it('Christmas Eve given twice (with different hours) is refused at the second one', () => {
    const exceptions = [
      { date: '2026-12-24', hours: [] },
      { date: '2026-12-31', hours: [] },
      { date: '2026-12-24', hours: [{ from: '09:00', to: '12:00' }] },
    ];
    expect(problemsOf(() => parseConfig({ help: { exceptions } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'help.exceptions[2].date', reason: 'another exception already has this date (found "2026-12-24")' },
    ]);
  });
});

describe('tiles the residents\' web view would refuse', () => {
  it('a tile with a user name and password in its address: refused without repeating the password', () => {
    const problems = problemsOf(() => parseConfig(one('https://tupa:salasana@www.kela.fi/'), 'k.json'));
    expect(problems).toEqual([{ file: 'k.json', field: 'tiles[0].url', reason: 'the web view would refuse it: it holds a user name or password' }]);
    expect(JSON.stringify(problems)).not.toContain('salasana');
  });

  it.each(['https://127.0.0.1/', 'https://[::1]:8443/', 'https://printer.local/', 'https://192.168.1.20/', 'https://intranet/'])(
    'a tile on this machine or the local network (%s) is refused unless web.allowPrivateHosts lists it',
    (url) => {
      const host = new URL(url).hostname;
      expect(problemsOf(() => parseConfig(one(url), 'k.json'))).toEqual([
        { file: 'k.json', field: 'tiles[0].url', reason: `the web view would refuse it: ${host} is on the local network; list it in web.allowPrivateHosts to allow it` },
      ]);
      expect(parseConfig({ ...one(url), web: { allowPrivateHosts: [host] } }, 'k.json').tiles[0]!.url).toBe(url);
    },
  );

  it('a tile pointing at the site hub this PC runs is refused, even when the hub has a public name', () => {
    const hub = { hostnames: ['tupa.kirjasto.example.fi'], listen: { port: 8443 } };
    expect(problemsOf(() => parseConfig({ ...one('https://tupa.kirjasto.example.fi:8443/advisor/'), hub }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'tiles[0].url', reason: "the web view would refuse it: it is the address of this PC's own site hub" },
    ]);
    // The same name on another port is another site, and a PC without a hub of its own blocks no such name.
    expect(parseConfig({ ...one('https://tupa.kirjasto.example.fi/'), hub }, 'k.json').tiles).toHaveLength(1);
    expect(parseConfig({ ...one('https://tupa.kirjasto.example.fi:8443/'), hub: { ...hub, embedded: false } }, 'k.json').tiles).toHaveLength(1);
  });

  it('a tile whose host web.deny refuses names the deny entry', () => {
    expect(problemsOf(() => parseConfig({ ...one('https://www.kela.fi/'), web: { deny: ['example.fi', '*.kela.fi'] } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'tiles[0].url', reason: 'the web view would refuse it: web.deny has "*.kela.fi"' },
    ]);
  });

  it('with an allow list, a tile outside it is refused, the default tiles included', () => {
    const problems = problemsOf(() => parseConfig({ web: { allow: ['*.suomi.fi', 'www.kela.fi'] } }, 'k.json'));
    expect(problems).toEqual([
      { file: 'k.json', field: 'tiles[2].url', reason: 'the web view would refuse it: www.kanta.fi is not in web.allow' },
      { file: 'k.json', field: 'tiles[3].url', reason: 'the web view would refuse it: www.mielenterveystalo.fi is not in web.allow' },
      { file: 'k.json', field: 'tiles[4].url', reason: 'the web view would refuse it: tyomarkkinatori.fi is not in web.allow' },
    ]);
  });

  const HOSTS = ['www.kela.fi', 'kela.fi', 'www.suomi.fi', 'printer.local', '192.168.1.20', '10.0.0.1', 'tupa:pw@www.kela.fi'];
  const PATTERNS = ['kela.fi', '*.kela.fi', 'www.suomi.fi', '*.fi', 'printer.local'];
  it('a tile is refused exactly when the web view\'s own URL policy would refuse it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...HOSTS), { minLength: 1, maxLength: 4 }),
        fc.subarray(PATTERNS),
        fc.subarray(PATTERNS),
        fc.subarray(['printer.local', '192.168.1.20']),
        (hosts, allow, deny, allowPrivateHosts) => {
          const tiles = hosts.map((host, i) => tile(`t${i}`, `https://${host}/`));
          const web = { allow, deny, allowPrivateHosts };
          const refused = tiles.flatMap((t, i) => (checkUrl(t.url, { ...web, blockedOrigins: [] }).ok ? [] : [`tiles[${i}].url`]));
          let found: string[] = [];
          try {
            parseConfig({ tiles, web }, 'k.json');
          } catch (error) {
            found = (error as ConfigError).problems.map((p) => p.field).filter((f) => f.startsWith('tiles'));
          }
          expect(found).toEqual(refused);
        },
      ),
    );
  });
});

describe('list entries that can never match', () => {
  it('a host both allowed and denied: the allow entry is refused (deny wins)', () => {
    expect(problemsOf(() => parseConfig({ web: { allow: ['kela.fi', 'www.kela.fi'], deny: ['kela.fi'] }, tiles: [] }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'web.allow[0]', reason: 'can never match: web.deny has "kela.fi", and deny wins' },
    ]);
  });

  it('an allow entry covered by a deny wildcard is refused; a deny entry inside an allow wildcard is a fine exception', () => {
    const problems = problemsOf(() => parseConfig({ web: { allow: ['www.kela.fi', '*.asiointi.kela.fi', '*.suomi.fi'], deny: ['*.kela.fi', 'www.suomi.fi'] }, tiles: [] }, 'k.json'));
    expect(problems).toEqual([
      { file: 'k.json', field: 'web.allow[0]', reason: 'can never match: web.deny has "*.kela.fi", and deny wins' },
      { file: 'k.json', field: 'web.allow[1]', reason: 'can never match: web.deny has "*.kela.fi", and deny wins' },
    ]);
  });

  it.each([
    ['*kela.fi', 'must be a host name such as "kela.fi" (no scheme, path or port); "*.example.fi" covers subdomains (found "*kela.fi")'],
    ['kela.*', 'must be a host name such as "kela.fi" (no scheme, path or port); "*.example.fi" covers subdomains (found "kela.*")'],
    ['*.192.0.2.1', 'can never match: a wildcard covers names, not IP addresses (found "*.192.0.2.1")'],
  ])('a malformed wildcard in web.allow (%s) is refused', (entry, reason) => {
    expect(problemsOf(() => parseConfig({ web: { allow: [entry] }, tiles: [] }, 'k.json'))).toEqual([{ file: 'k.json', field: 'web.allow[0]', reason }]);
  });

  it('a wildcard in web.allowPrivateHosts (which lists hosts one by one) is refused', () => {
    expect(problemsOf(() => parseConfig({ web: { allowPrivateHosts: ['*.local'] } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'web.allowPrivateHosts[0]', reason: 'can never match: wildcards are not used here, list each local host on its own (found "*.local")' },
    ]);
  });

  it('a local-network host in web.allow alone is refused; listed in web.allowPrivateHosts it is fine', () => {
    expect(problemsOf(() => parseConfig({ web: { allow: ['printer.local'] }, tiles: [] }, 'k.json'))).toEqual([
      {
        file: 'k.json',
        field: 'web.allow[0]',
        reason: 'can never match: it names a local-network host, which the web view opens only when web.allowPrivateHosts lists that host',
      },
    ]);
    expect(parseConfig({ web: { allow: ['printer.local'], allowPrivateHosts: ['printer.local'] }, tiles: [] }, 'k.json').web.allow).toEqual(['printer.local']);
  });

  it('an entry given twice in a list is refused, however it is written', () => {
    const web = {
      allow: ['kela.fi', 'KELA.fi', 'video.example.com'],
      deny: ['*.example.fi', '*.example.fi'],
      allowPrivateHosts: ['192.168.1.20', '192.168.1.20'],
      mediaOrigins: ['https://video.example.com', 'https://video.example.com/'],
    };
    expect(problemsOf(() => parseConfig({ web, tiles: [] }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'web.allow[1]', reason: 'the list already has this host (found "KELA.fi")' },
      { file: 'k.json', field: 'web.deny[1]', reason: 'the list already has this host (found "*.example.fi")' },
      { file: 'k.json', field: 'web.allowPrivateHosts[1]', reason: 'the list already has this host (found "192.168.1.20")' },
      { file: 'k.json', field: 'web.mediaOrigins[1]', reason: 'the list already has this origin (found "https://video.example.com/")' },
    ]);
  });

  it('a media origin with a path is refused', () => {
    expect(problemsOf(() => parseConfig({ web: { mediaOrigins: ['https://video.example.fi/huone/1'] } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'web.mediaOrigins[0]', reason: 'must be an origin only (scheme and host, no path) (found "https://video.example.fi/huone/1")' },
    ]);
  });

  it('a media origin the web view never opens (denied, outside the allow list) is refused', () => {
    const web = { allow: ['*.kela.fi'], deny: ['video.kela.fi'], mediaOrigins: ['https://video.kela.fi', 'https://video.example.fi'] };
    expect(problemsOf(() => parseConfig({ web, tiles: [] }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'web.mediaOrigins[0]', reason: 'can never be used: the web view does not open it (web.deny has "video.kela.fi")' },
      { file: 'k.json', field: 'web.mediaOrigins[1]', reason: 'can never be used: the web view does not open it (video.example.fi is not in web.allow)' },
    ]);
  });

  it('a local host both allowed as private and denied is refused', () => {
    expect(problemsOf(() => parseConfig({ web: { allowPrivateHosts: ['printer.local'], deny: ['printer.local'] } }, 'k.json'))).toEqual([
      { file: 'k.json', field: 'web.allowPrivateHosts[0]', reason: 'can never match: web.deny has "printer.local", and deny wins' },
    ]);
  });
});

describe('sound configurations stay accepted', () => {
  it('the defaults, the preview\'s demo PC and a site with a printer and an allow list load', () => {
    expect(parseConfig({}, 'k.json').tiles).toHaveLength(5);
    expect(parseConfig(demoConfig({ testLocales: true }), 'demo').web.mediaOrigins).toEqual(['https://video.example.fi']);
    const site = {
      web: { allow: ['*.kela.fi', 'kela.fi', 'printer.local'], deny: ['ads.kela.fi'], allowPrivateHosts: ['printer.local', '192.168.1.20'], mediaOrigins: ['https://video.kela.fi'] },
      tiles: [tile('kela', 'https://www.kela.fi/'), tile('printer', 'https://printer.local/'), tile('scanner', 'https://192.168.1.20/')],
      help: { hours: { mon: [{ from: '08:00', to: '11:30' }, { from: '12:00', to: '24:00' }] }, exceptions: [{ date: '2028-02-29', hours: [] }] },
    };
    expect(parseConfig(site, 'k.json').tiles).toHaveLength(3);
  });
});

describe('the site policy at the hub has the same checks', () => {
  afterEach(stopAll);

  it('"hub policy set" refuses a file with these mistakes, lists them all, and changes nothing', async () => {
    const th = await startHub();
    const file = join(th.dir, 'hub.sqlite');
    const before = showPolicy(file);
    const policyFile = join(tempDir('tupa-policy-'), 'policy.json');
    writeFileSync(
      policyFile,
      [
        '{',
        '  "help": { "hours": { "mon": [{ "from": "15:00", "to": "09:00" }] }, "exceptions": [{ "date": "2026-02-30", "hours": [] }] },',
        '  "web": { "allow": ["kela.fi"], "deny": ["kela.fi"] },',
        '  "tiles": [{ "id": "kela", "url": "https://u:p@kela.fi/", "label": { "fi": "Kela" } }],',
        '  "idle": { "timeoutMinutes": 5 },',
        '  "idle": { "timeoutMinutes": 50 }',
        '}',
      ].join('\n'),
    );
    let error: unknown;
    try {
      setPolicy(file, policyFile, Date.now());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      [
        'The policy file has 5 problems; nothing was changed.',
        `  ${policyFile}: idle: is given twice (lines 5 and 6): keep one`,
        `  ${policyFile}: help.hours.mon[0].to: must be later than "from" (15:00); hours past midnight are a second range from "00:00" (found "09:00")`,
        `  ${policyFile}: help.exceptions[0].date: must be a date on the calendar (year-month-day) (found "2026-02-30")`,
        `  ${policyFile}: tiles[0].url: the web view would refuse it: it holds a user name or password`,
        `  ${policyFile}: web.allow[0]: can never match: web.deny has "kela.fi", and deny wins`,
      ].join('\n'),
    );
    expect(showPolicy(file)).toEqual(before);
  });

  it('the same mistakes in a policy given as text are refused with the policy file\'s wording', () => {
    expect(() => validateText(sitePolicySchema, '{"web": {"allowPrivateHosts": ["*.local"]}}', 'policy.json', 'The policy file', 'nothing was changed')).toThrow(
      'The policy file has 1 problem; nothing was changed.\n  policy.json: web.allowPrivateHosts[0]: can never match: wildcards are not used here, list each local host on its own (found "*.local")',
    );
  });
});
