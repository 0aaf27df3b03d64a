import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { runCli } from '../../main/cli/tupa';
import { hashCode } from '../../main/core/codes';
import { KioskStore } from '../../main/store/kiosk-store';

const ROOT = resolve(import.meta.dirname, '../..');
/** 2026-03-01 10:00 in Helsinki: before both 2026 daylight-saving changes. */
const NOW = Date.UTC(2026, 2, 1, 8, 0);
const HOUR = 3_600_000;
/** 2026-10-20 10:00 in Helsinki: the autumn change (2026-10-25) is within the booking horizon. */
const AUTUMN = Date.UTC(2026, 9, 20, 7, 0);

const root = mkdtempSync(join(tmpdir(), 'tupa-cli-'));
let n = 0;
let dataDir: string;
let configFile: string;

beforeEach(() => {
  // The command line must not pick up the machine's own configuration or data folder.
  vi.stubEnv('TUPA_CONFIG', undefined);
  vi.stubEnv('TUPA_DATA_DIR', undefined);
  const base = join(root, `case-${++n}`);
  dataDir = join(base, 'data');
  mkdirSync(dataDir, { recursive: true });
  configFile = join(base, 'kiosk.json');
  writeFileSync(configFile, JSON.stringify({ pc: { id: 'pc-7', name: 'Kone 7' }, timeZone: 'Europe/Helsinki' }));
  return () => vi.unstubAllEnvs();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number;
  out: string;
  err: string;
}

async function tupa(args: string[], options: { now?: number; global?: string[]; secret?: string } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const global = options.global ?? ['--data-dir', dataDir, '--config', configFile];
  const secret = async () => {
    if (options.secret === undefined) throw new Error('the test gave no secret');
    return options.secret;
  };
  const code = await runCli([...global, ...args], { out: (t) => (out += t), err: (t) => (err += t), secret }, options.now ?? NOW);
  return { code, out, err };
}

function json<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.out) as T;
}

interface Added {
  id: string;
  pc: string;
  start: string;
  end: string;
  code: string;
  notes: string[];
}

async function add(start: string, end: string, extra: string[] = []): Promise<Run> {
  return tupa(['bookings', 'add', '--pc', 'pc-7', '--start', start, '--end', end, ...extra]);
}

async function addJson(start: string, end: string): Promise<Added> {
  const run = await add(start, end, ['--json']);
  expect(run.code, run.out + run.err).toBe(0);
  return json<Added>(run);
}

describe('IT adds a booking', () => {
  it('prints the code once, with the booking\'s times in the site\'s zone', async () => {
    const run = await add('2026-03-02T10:00', '2026-03-02T11:00');
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const codes = [...run.out.matchAll(/\b\d{6}\b/g)].map((m) => m[0]);
    expect(codes).toHaveLength(1);
    expect(run.out).toContain(`Code: ${codes[0]}\n`);
    expect(run.out).toMatch(/Booking b-[0-9a-f]{8} added for Kone 7 \(pc-7\): 2026-03-02T10:00\+02:00 to 2026-03-02T11:00\+02:00/);
    expect(run.out).toContain('cannot be shown again');
  });

  it('--json gives exactly {id, pc, start, end, code, notes}', async () => {
    const added = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    expect(Object.keys(added).sort()).toEqual(['code', 'end', 'id', 'notes', 'pc', 'start']);
    expect(added).toMatchObject({ pc: 'pc-7', start: '2026-03-02T10:00+02:00', end: '2026-03-02T11:00+02:00', notes: [] });
    expect(added.id).toMatch(/^b-[0-9a-f]{8}$/);
    expect(added.code).toMatch(/^\d{6}$/);
  });

  it('an exact time with an offset is taken as given', async () => {
    const added = await addJson('2026-03-02T08:00Z', '2026-03-02T09:30+00:00');
    expect(added.start).toBe('2026-03-02T10:00+02:00');
    expect(added.end).toBe('2026-03-02T11:30+02:00');
  });

  it('a booking whose code already works says so', async () => {
    const added = await addJson('2026-03-01T10:03', '2026-03-01T11:00');
    expect(added.notes).toEqual(['the code works from now']);
  });

  it('the code is never stored in clear, and never listed again', async () => {
    const added = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    for (const file of ['kiosk.sqlite', 'kiosk.sqlite-wal']) {
      const path = join(dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(added.code)), file).toBe(false);
    }
    expect(existsSync(join(dataDir, 'code-key'))).toBe(true);
    const list = await tupa(['bookings', 'list']);
    expect(list.out).toContain(added.id);
    expect(list.out).not.toContain(added.code);
    expect((await tupa(['--json', 'bookings', 'list', '--all'])).out).not.toContain(added.code);
  });

  it('--code gives the booking its own code (4 digits, leading zero kept), stored as a hash with its length', async () => {
    const run = await add('2026-03-02T10:00', '2026-03-02T11:00', ['--json', '--code', '0427']);
    expect(run.code, run.err).toBe(0);
    const added = json<Added>(run);
    expect(added.code).toBe('0427');
    const store = new KioskStore(join(dataDir, 'kiosk.sqlite'), 'pc-7');
    try {
      const booking = store.bookings.get(added.id)!;
      expect(booking.codeLength).toBe(4);
      expect(booking.codeHash.equals(hashCode(readFileSync(join(dataDir, 'code-key')), '0427'))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('two bookings get different codes and ids', async () => {
    const a = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    const b = await addJson('2026-03-02T11:00', '2026-03-02T12:00'); // back to back is not an overlap
    expect(b.id).not.toBe(a.id);
    expect(b.code).not.toBe(a.code);
  });
});

describe('IT lists and cancels bookings', () => {
  it('list shows upcoming bookings by start; --all adds cancelled and past ones', async () => {
    const later = await addJson('2026-03-03T10:00', '2026-03-03T11:00');
    const soon = await addJson('2026-03-01T12:00', '2026-03-01T13:00');
    const gone = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    expect((await tupa(['bookings', 'cancel', gone.id])).code).toBe(0);

    const upcoming = json<Array<{ id: string; status: string }>>(await tupa(['--json', 'bookings', 'list']));
    expect(upcoming.map((b) => [b.id, b.status])).toEqual([
      [soon.id, 'upcoming'],
      [later.id, 'upcoming'],
    ]);

    // A day later: the first booking is over.
    const dayLater = NOW + 26 * HOUR;
    const live = json<Array<{ id: string; status: string }>>(await tupa(['--json', 'bookings', 'list'], { now: dayLater }));
    expect(live.map((b) => b.id)).toEqual([later.id]);
    const all = json<Array<{ id: string; status: string }>>(await tupa(['--json', 'bookings', 'list', '--all'], { now: dayLater }));
    expect(all.map((b) => [b.id, b.status])).toEqual([
      [soon.id, 'past'],
      [gone.id, 'cancelled'],
      [later.id, 'upcoming'],
    ]);
  });

  it('a booking running now is listed as now', async () => {
    const running = await addJson('2026-03-01T09:30', '2026-03-01T11:00');
    expect(json<Array<{ id: string; status: string }>>(await tupa(['--json', 'bookings', 'list']))).toMatchObject([{ id: running.id, status: 'now' }]);
  });

  it('the text list names the zone and the times', async () => {
    const a = await addJson('2026-03-02T10:00', '2026-03-02T11:30');
    const run = await tupa(['bookings', 'list']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Europe/Helsinki');
    expect(run.out).toMatch(new RegExp(`${a.id}\\s+2026-03-02\\s+10:00–11:30\\s+upcoming`));
    expect((await tupa(['bookings', 'list'], { now: NOW + 365 * 24 * HOUR })).out).toBe('No bookings.\n');
  });

  it('cancel works once; a second cancel is an error', async () => {
    const a = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    const first = await tupa(['bookings', 'cancel', a.id]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Booking ${a.id}`);
    expect(first.out).toContain('cancelled');
    const second = await tupa(['bookings', 'cancel', a.id]);
    expect(second.code).toBe(1);
    expect(second.err).toContain(`booking ${a.id} was already cancelled`);
    expect(json(await tupa(['--json', 'bookings', 'cancel', a.id]))).toEqual({
      error: { code: 'already-cancelled', field: 'id', message: `booking ${a.id} was already cancelled` },
    });
  });

  it('a cancelled slot can be booked again', async () => {
    const a = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    await tupa(['bookings', 'cancel', a.id]);
    expect((await add('2026-03-02T10:00', '2026-03-02T11:00')).code).toBe(0);
  });

  it('cancelling an unknown id, or with no id, is an error', async () => {
    expect(json(await tupa(['--json', 'bookings', 'cancel', 'b-nope']))).toMatchObject({ error: { code: 'not-found', field: 'id' } });
    const none = await tupa(['bookings', 'cancel']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('give the id of the booking to cancel');
  });

  it('a booking that is already over cannot be cancelled', async () => {
    const a = await addJson('2026-03-01T12:00', '2026-03-01T13:00');
    const run = await tupa(['--json', 'bookings', 'cancel', a.id], { now: NOW + 5 * HOUR });
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ error: { code: 'already-over' } });
  });
});

describe('IT gets a clear refusal, and nothing is added', () => {
  it('an overlapping booking is refused, naming the other booking', async () => {
    const first = await addJson('2026-03-02T10:00', '2026-03-02T11:00');
    const run = await add('2026-03-02T10:30', '2026-03-02T11:30');
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(`overlaps booking ${first.id}`);
    expect(run.err).toContain('2026-03-02T10:00+02:00 to 2026-03-02T11:00+02:00');
    expect(run.err).toContain('nothing was added');
    const j = await add('2026-03-02T09:00', '2026-03-02T12:00', ['--json']);
    expect(j.code).toBe(1);
    expect(json(j)).toMatchObject({ error: { code: 'overlap', field: 'start', message: expect.stringContaining(first.id) } });
    expect(json<unknown[]>(await tupa(['--json', 'bookings', 'list']))).toHaveLength(1);
  });

  it.each([
    ['another PC', ['--pc', 'pc-8', '--start', '2026-03-02T10:00', '--end', '2026-03-02T11:00'], 'unknown-pc', 'pc', 'this database belongs to PC "pc-7", not "pc-8"'],
    ['no --pc', ['--start', '2026-03-02T10:00', '--end', '2026-03-02T11:00'], 'missing-option', 'pc', '--pc is required'],
    ['no --start', ['--pc', 'pc-7', '--end', '2026-03-02T11:00'], 'missing-option', 'start', '--start is required'],
    ['no --end', ['--pc', 'pc-7', '--start', '2026-03-02T10:00'], 'missing-option', 'end', '--end is required'],
    ['a start that is not ISO', ['--pc', 'pc-7', '--start', 'tomorrow 10', '--end', '2026-03-02T11:00'], 'start-invalid', 'start', '--start: "tomorrow 10" needs a date and a time'],
    ['an impossible date', ['--pc', 'pc-7', '--start', '2026-02-30T10:00', '--end', '2026-03-02T11:00'], 'start-invalid', 'start', '--start:'],
    [
      'a time skipped by daylight saving',
      ['--pc', 'pc-7', '--start', '2026-03-29T03:30', '--end', '2026-03-29T05:00'],
      'start-nonexistent',
      'start',
      '2026-03-29T03:30 does not exist in Europe/Helsinki',
    ],
    [
      'a time repeated by daylight saving',
      ['--pc', 'pc-7', '--start', '2026-10-25T02:00', '--end', '2026-10-25T03:30'],
      'end-ambiguous',
      'end',
      '2026-10-25T03:30 happens twice in Europe/Helsinki',
    ],
    ['an end before the start', ['--pc', 'pc-7', '--start', '2026-03-02T11:00', '--end', '2026-03-02T10:00'], 'end-not-after-start', 'end', 'the end must be after the start'],
    ['a booking in the past', ['--pc', 'pc-7', '--start', '2026-02-01T10:00', '--end', '2026-02-01T11:00'], 'in-the-past', 'end', 'would already be over'],
    ['a booking too short', ['--pc', 'pc-7', '--start', '2026-03-02T10:00', '--end', '2026-03-02T10:04'], 'too-short', 'start', 'at least 5 minutes'],
    ['a 5-digit code', ['--pc', 'pc-7', '--start', '2026-03-02T10:00', '--end', '2026-03-02T11:00', '--code', '12345'], 'bad-code', 'code', '--code: a code has 4 or 6 digits (leading zeros kept); this one has 5'],
    ['a booking too long', ['--pc', 'pc-7', '--start', '2026-03-02T08:00', '--end', '2026-03-02T20:01'], 'too-long', 'end', 'at most 12 hours'],
  ])('%s: exit 1 with a clear message; --json gives {error: {code, field, message}} on stdout', async (_label, args, code, field, message) => {
    const text = await tupa(['bookings', 'add', ...args]);
    expect(text.code).toBe(1);
    expect(text.out).toBe('');
    expect(text.err).toMatch(/^tupa: /);
    expect(text.err).toContain(message);
    expect(text.err).not.toMatch(/\n\s+at /);

    const machine = await tupa(['--json', 'bookings', 'add', ...args]);
    expect(machine.code).toBe(1);
    expect(machine.err).toBe('');
    const body = json<{ error: { code: string; field: string; message: string } }>(machine);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({ code, field, message: expect.stringContaining(message) });

    expect(json<unknown[]>(await tupa(['--json', 'bookings', 'list', '--all']))).toEqual([]);
  });

  it('the ambiguous hour suggests both offsets', async () => {
    const run = await add('2026-10-25T03:30', '2026-10-25T05:00');
    expect(run.err).toContain('2026-10-25T03:30+03:00');
    expect(run.err).toContain('2026-10-25T03:30+02:00');
  });

  it('an offset no place on Earth has (+25:00) is called not valid, not "over 12 hours"', async () => {
    const run = await add('2026-03-02T10:00+25:00', '2026-03-02T11:00');
    expect(run.code).toBe(1);
    expect(run.err).toBe('tupa: --start: "+25:00" is not a valid UTC offset (offsets run from -12:00 to +14:00, e.g. +02:00)\n');
    const machine = await add('2026-03-02T10:00', '2026-03-02T11:00+02:75', ['--json']);
    expect(json(machine)).toEqual({ error: { code: 'end-invalid', field: 'end', message: expect.stringContaining('"+02:75" is not a valid UTC offset') } });
    // The ends of the real range are offsets.
    expect((await addJson('2026-03-02T23:00+14:00', '2026-03-02T23:30+14:00')).start).toBe('2026-03-02T11:00+02:00');
  });

  it('a booking further ahead than the site policy allows is refused, saying the limit', async () => {
    // 60 days (the default) from 2026-03-01 is 2026-04-30: a booking late on that day is as good as an early one.
    expect((await addJson('2026-04-30T22:00', '2026-04-30T23:00')).start).toBe('2026-04-30T22:00+03:00');
    const run = await add('2026-05-01T08:00', '2026-05-01T09:00');
    expect(run.code).toBe(1);
    expect(run.err).toBe("tupa: --start: bookings can start at most 60 days ahead, on 2026-04-30 at the latest (the site policy's bookings.maxDaysAhead)\n");
    expect(json(await add('2029-01-01T08:00', '2029-01-01T09:00', ['--json']))).toMatchObject({ error: { code: 'too-far-ahead', field: 'start' } });
    // The PC's own policy sets another horizon.
    writeFileSync(configFile, JSON.stringify({ pc: { id: 'pc-7', name: 'Kone 7' }, timeZone: 'Europe/Helsinki', bookings: { maxDaysAhead: 7 } }));
    expect((await add('2026-03-09T08:00', '2026-03-09T09:00')).err).toContain('at most 7 days ahead, on 2026-03-08 at the latest');
  });

  it('the list shows the offset of a time in the hour repeated in autumn, and only there', async () => {
    const book = async (start: string, end: string) => {
      const run = await tupa(['bookings', 'add', '--pc', 'pc-7', '--start', start, '--end', end], { now: AUTUMN });
      expect(run.code, run.err).toBe(0);
    };
    await book('2026-10-25T03:00+03:00', '2026-10-25T03:40+03:00');
    await book('2026-10-25T03:10+02:00', '2026-10-25T04:30');
    await book('2026-10-25T10:00', '2026-10-25T11:00');
    const list = await tupa(['bookings', 'list'], { now: AUTUMN });
    expect(list.code).toBe(0);
    const rows = list.out.trim().split('\n').slice(1).map((r) => r.replace(/^b-[0-9a-f]+ {2}/, ''));
    expect(rows).toEqual([
      '2026-10-25  03:00+03:00–03:40+03:00  upcoming',
      '2026-10-25  03:10+02:00–04:30  upcoming',
      '2026-10-25  10:00–11:00  upcoming',
    ]);
  });

  it('the repeated hour can be booked with an explicit offset', async () => {
    const run = await tupa(['--json', 'bookings', 'add', '--pc', 'pc-7', '--start', '2026-10-25T03:30+02:00', '--end', '2026-10-25T05:00'], { now: AUTUMN });
    expect(run.code, run.out).toBe(0);
    expect(json<Added>(run).start).toBe('2026-10-25T03:30+02:00');
  });
});

describe('the command line itself', () => {
  it('an unknown command is a usage error: exit 2, as the README says, whatever the configuration', async () => {
    const nonsense = await tupa(['nonsense']);
    expect(nonsense.code).toBe(2);
    expect(nonsense.err).toBe('tupa: unknown command "nonsense"; see "npm run tupa -- help"\n');
    expect((await tupa(['nonsense'], { global: ['--config', join(root, 'no-such-file.json')] })).code).toBe(2);
    const run = await tupa(['bookings', 'delete', 'b-1']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown command "bookings delete b-1"');
    const other = await tupa(['reboot']);
    expect(other.code).not.toBe(0);
    expect(json(await tupa(['--json', 'reboot']))).toMatchObject({ error: { code: 'unknown-command' } });
  });

  it('an unknown option exits 2 with the usage', async () => {
    const run = await tupa(['bookings', 'list', '--everything']);
    expect(run.code).toBe(2);
    expect(run.err).toContain("Unknown option '--everything'");
    expect(run.err).toContain('usage:');
  });

  // Regression (fixed, it used to fail): the usage promises "--json: machine-readable output (errors too, on stdout, with a
  // non-zero exit)", but an option parseArgs rejects (unknown, or a value missing) is reported
  // as text with the usage on stderr, and stdout stays empty, even with --json.
  it('with --json an option error is JSON on stdout too', async () => {
    const run = await tupa(['--json', 'bookings', 'add', '--pc', 'pc-7', '--start']);
    expect(run.code).not.toBe(0);
    expect(json(run)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('help prints the usage and exits 0; no command at all exits 2', async () => {
    const help = await tupa(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('bookings add --pc PC --start TIME --end TIME');
    expect((await tupa(['--help'])).code).toBe(0);
    const none = await tupa([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('usage:');
  });
});

describe('configuration from the command line', () => {
  it('config show prints the effective configuration with its source and data folder', async () => {
    const run = await tupa(['config', 'show']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`# source: ${configFile}\n`);
    expect(run.out).toContain(`# data folder: ${dataDir}\n`);
    const body = JSON.parse(run.out.replace(/^#.*\n/gm, '')) as { pc: { id: string }; idle: { promptSeconds: number } };
    expect(body.pc.id).toBe('pc-7');
    expect(body.idle.promptSeconds).toBe(30); // defaults filled in
    const j = json<{ source: string; dataDir: string; config: { pc: { name: string } } }>(await tupa(['--json', 'config', 'show']));
    expect(j).toMatchObject({ source: configFile, dataDir, config: { pc: { name: 'Kone 7' } } });
  });

  it('with no --config, kiosk.json in the data folder is used (as the preview writes it)', async () => {
    writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ pc: { id: 'demo-pc-1' } }));
    const run = await tupa(['--json', 'config', 'show'], { global: ['--data-dir', dataDir] });
    expect(json(run)).toMatchObject({ source: join(dataDir, 'kiosk.json'), config: { pc: { id: 'demo-pc-1' } } });
    const added = await tupa(['--json', 'bookings', 'add', '--pc', 'demo-pc-1', '--start', '2026-03-02T10:00', '--end', '2026-03-02T11:00'], {
      global: ['--data-dir', dataDir],
    });
    expect(added.code).toBe(0);
  });

  it('TUPA_CONFIG names the file when --config does not', async () => {
    vi.stubEnv('TUPA_CONFIG', configFile);
    expect(json(await tupa(['--json', 'config', 'show'], { global: ['--data-dir', dataDir] }))).toMatchObject({ source: configFile });
  });

  it('a --config that does not exist is an error, not the defaults', async () => {
    const missing = join(dataDir, 'missing.json');
    const run = await tupa(['config', 'show'], { global: ['--data-dir', dataDir, '--config', missing] });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(`${missing}: (file): the file does not exist`);
  });

  it('config check on a broken file lists every problem and exits 1', async () => {
    const broken = join(dataDir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ idle: { promptSeconds: 10 }, timeZone: 'Mars/Base', tiles: [{ id: 'x', url: 'http://x.fi', label: { fi: 'X' } }], colour: 'red' }));
    const run = await tupa(['config', 'check', broken]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('4 problems');
    for (const field of ['idle.promptSeconds', 'timeZone', 'tiles[0].url', '(top level)']) expect(run.err).toContain(`${broken}: ${field}: `);
    expect(run.err).toContain('unknown field "colour"');
    expect(run.err).not.toMatch(/\n\s+at /);

    const j = await tupa(['--json', 'config', 'check', broken]);
    expect(j.code).toBe(1);
    const body = json<{ error: { code: string; problems: Array<{ file: string; field: string }> } }>(j);
    expect(body.error.code).toBe('invalid-config');
    expect(body.error.problems.map((p) => p.field).sort()).toEqual(['(top level)', 'idle.promptSeconds', 'tiles[0].url', 'timeZone']);
    expect(body.error.problems.every((p) => p.file === broken)).toBe(true);
  });

  it('config check on a good file says it is valid; without a file it asks for one', async () => {
    const ok = await tupa(['config', 'check', configFile]);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(`${configFile}: the configuration is valid\n`);
    expect(json(await tupa(['--json', 'config', 'check', configFile]))).toEqual({ ok: true, file: configFile });
    const none = await tupa(['config', 'check']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('give the file to check');
  });

  it('a broken configuration stops bookings commands before the database is touched', async () => {
    writeFileSync(configFile, '{"pc": {"id": "pc-7"},}');
    const run = await tupa(['bookings', 'list']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('is not valid JSON');
    expect(existsSync(join(dataDir, 'kiosk.sqlite'))).toBe(false);
  });
});

describe('the real command line as a process', () => {
  function spawnTupa(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolveRun) => {
      const env = { ...process.env };
      delete env.TUPA_CONFIG;
      delete env.TUPA_DATA_DIR;
      execFile(
        process.execPath,
        ['--import', 'tsx', 'main/cli/main.ts', '--data-dir', dataDir, '--config', configFile, ...args],
        { cwd: ROOT, env, timeout: 15_000 },
        (error, stdout, stderr) => resolveRun({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
  }

  it('exits 0 on success, 1 on a refusal and 2 on an unknown command, with the message on stderr', async () => {
    // The first run creates the database; the others may then run side by side (see the
    // first-open race below).
    // A week from today (the real clock: this is the real program), within the booking horizon.
    const day = DateTime.now().setZone('Europe/Helsinki').plus({ days: 7 }).toFormat('yyyy-MM-dd');
    const ok = await spawnTupa(['--json', 'bookings', 'add', '--pc', 'pc-7', '--start', `${day}T10:00`, '--end', `${day}T11:00`]);
    const [refused, unknown] = await Promise.all([
      spawnTupa(['bookings', 'add', '--pc', 'pc-7', '--start', '2020-01-01T10:00', '--end', '2020-01-01T11:00']),
      spawnTupa(['bookings', 'explode']),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ pc: 'pc-7', start: expect.stringMatching(new RegExp(`^${day}T10:00\\+0[23]:00$`)), code: expect.stringMatching(/^\d{6}$/) });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('tupa: --end: the booking would already be over\n');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });
});

describe('the command line beside a kiosk that is starting', () => {
  /**
   * Stands in for the kiosk opening a fresh database: takes the write lock, signals,
   * migrates slowly, commits and exits.
   */
  function kioskCreatingTheDatabase(holdMs: number) {
    const script = join(dataDir, '..', 'kiosk-first-open.ts');
    writeFileSync(
      script,
      [
        `import Database from ${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3/lib/index.js'))};`,
        `import { MIGRATIONS } from ${JSON.stringify(join(ROOT, 'main/store/migrations.ts'))};`,
        'const db = new Database(process.argv[2]);',
        "db.pragma('journal_mode = WAL');",
        "db.exec('BEGIN IMMEDIATE');",
        "process.stdout.write('locked\\n');",
        'setTimeout(() => {',
        '  for (const m of MIGRATIONS) { db.exec(m.sql); db.pragma(`user_version = ${m.version}`); }',
        "  db.exec('COMMIT');",
        '  db.close();',
        `}, ${holdMs});`,
      ].join('\n'),
    );
    const kiosk = spawn(process.execPath, ['--import', 'tsx', script, join(dataDir, 'kiosk.sqlite')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((r) => kiosk.on('exit', r));
    const locked = new Promise<void>((r, reject) => {
      kiosk.stdout.once('data', () => r());
      void exited.then((code) => reject(new Error(`the stand-in kiosk exited (${code}) before it took the lock`)));
    });
    return { locked, exited };
  }

  it('harness check: after the stand-in kiosk has created the database, the command line uses it', async () => {
    const kiosk = kioskCreatingTheDatabase(0);
    await kiosk.locked;
    expect(await kiosk.exited).toBe(0);
    expect(await tupa(['bookings', 'list'])).toEqual({ code: 0, out: 'No bookings.\n', err: '' });
  });

  // Regression (fixed, it used to fail): user_version is read outside the migration's
  // write transaction. When the kiosk (or another tupa) is creating a fresh database at the
  // same moment, this process reads version 0, waits on the lock (busy_timeout), then re-runs
  // migration 1 on the migrated database and fails: "tupa: table bookings already exists",
  // exit 1. Also seen with 4 concurrent `tupa bookings list` on a fresh --data-dir, about
  // 1 run in 5.
  it('IT lists bookings while the kiosk creates the database for the first time', async () => {
    const kiosk = kioskCreatingTheDatabase(1000);
    await kiosk.locked;
    const run = await tupa(['bookings', 'list']); // waits on the lock until the kiosk commits
    expect(await kiosk.exited).toBe(0);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toBe('No bookings.\n');
  });
});

describe('the installed app as the command line', () => {
  it('treats arguments that start with a command as the command line, and anything else as the kiosk', async () => {
    const { commandArguments } = await import('../../main/cli/tupa');
    expect(commandArguments(['bookings', 'list'])).toEqual(['bookings', 'list']);
    expect(commandArguments(['--data-dir', '/x', 'config', 'check', 'k.json'])).toEqual(['--data-dir', '/x', 'config', 'check', 'k.json']);
    expect(commandArguments([])).toBeUndefined();
    expect(commandArguments(['--ignore-certificate-errors', '/app/out/main/index.js'])).toBeUndefined();
    expect(commandArguments(['--no-sandbox'])).toBeUndefined();
  });
});
