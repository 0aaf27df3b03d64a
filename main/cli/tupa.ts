import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import { ConfigError, loadConfig } from '../config/load';
import { databaseFile, resolveDataDir } from '../config/paths';
import type { KioskConfig } from '../config/schema';
import { KioskStore } from '../store/kiosk-store';
import { loadOrCreateCodeKey } from '../store/code-key';
import { addBooking, cancelBooking, CommandError, listBookings, type BookingView } from './bookings';
import { addAtHub, cancelAtHub, hubDatabase, listAtHub } from './hub-bookings';
import { backupHub, cityOff, cityResend, cityStatus, disableAdvisor, hubStatus, pairingCode, restoreHub, setAdvisor, setCityTarget, setPolicy, showPolicy, siteCa } from './hub-admin';
import type { CitySyncStatus } from '../sync/city-sync';
import { readSecret } from './secret';
import { sourceCommand, type SourceOptions } from './hub-sources';
import { updateCommand } from './hub-updates';
import { MIN_PIN_DIGITS, setMaintenancePin } from '../kiosk/maintenance';
import { dirname, join } from 'node:path';
import { formatSiteTime, parseSiteDateTime } from '../core/site-time';

const USAGE = `Tupa command line for IT

usage: npm run tupa -- [global options] <command>

commands:
  bookings add --pc PC --start TIME --end TIME   add a booking; prints its code once
        [--code DIGITS]                          the booking's own code (4 or 6 digits, e.g. 0427) instead of a new one
  bookings list [--all]                          upcoming bookings (--all: also past and cancelled)
  bookings cancel ID                             cancel a booking
  config show                                    print the effective configuration
  config check FILE                              validate a configuration file
  maintenance set-pin                            set this PC's maintenance-screen PIN (6 to 12 digits)
  hub status                                     the site, its PCs and advisors
  hub advisor set NAME [--admin|--no-admin]      add an advisor, or set a new password for one;
                                                 --admin makes an administrator (site policy, pairing,
                                                 updates, logs), --no-admin an advisor again
  hub advisor disable NAME                       disable an advisor and sign them out
  hub pairing-code                               a one-time code to pair one more PC (10 minutes)
  hub ca                                         print the site CA certificate (PEM), to trust on advisors' devices
  hub policy show                                the site's policy as JSON (tiles, web lists, help hours, limits)
  hub policy set FILE                            replace the site's policy from a JSON file; PCs get it at once
  hub city set URL SITE [--ca FILE]              send the site's figures to the city's receiver (asks for the site's token)
  hub city status                                where the figures go, how many wait, the last send and error
  hub city resend                                send every figure again (the receiver lost them, or is new)
  hub city off                                   stop sending figures to the city
  hub source add respa URL --map RESOURCE=PC … [--requested] [--auth token|jwt [--user NAME]]
                                                 import a Varaamo/Respa API's reservations (asks for the token or password)
  hub source add ics URL|FILE --pc PC            import an ICS feed for one PC (or --rule LOCATION|SUMMARY --map TEXT=PC …)
                                                 [--code-pattern RE]: the check-in code in the event's description
  hub source list                                the booking sources with their health and conflicts
  hub source sync [ID]                           fetch one source, or all, now
  hub source remove ID                           remove a source; its bookings still to come are cancelled
  hub update add FILE…                           add a release: latest-linux.yml / latest.yml and the packages they name
                                                 (checked: newer version, sizes, SHA-512, signature if the site requires one)
  hub update list                                the releases and their stage (one PC first, then every PC)
  hub update remove VERSION                      remove a release (PCs are offered the newest one left)
  hub backup FILE                                a consistent copy of the hub's database (safe while it runs)
  hub restore FILE                               put a backup in place (stop the hub first)
  help                                           show this text

PINs and passwords are typed without echo, or read from the first line of
standard input when piped (never from the command line).

TIME is ISO 8601: 2026-11-23T14:00 is the site's local time (its time zone,
daylight saving included); 2026-11-23T14:00+02:00 or ...Z is exact.

global options:
  --config FILE     the PC's configuration (default: TUPA_CONFIG, else kiosk.json in --data-dir,
                    else /etc/tupa/kiosk.json, else the defaults)
  --data-dir DIR    the PC's data folder (default: TUPA_DATA_DIR, else the config's dataDir, else the OS default)
  --hub-data-dir DIR  a headless hub's data folder: bookings are made at that hub

With a site hub (embedded in this PC, or --hub-data-dir on the hub's machine)
bookings are made at the hub, which makes the code and pushes the booking to
the PC; a PC on its own keeps its bookings itself.
  --json            machine-readable output (errors too, on stdout, with a non-zero exit)

Exit codes: 0 done; 1 refused (a bad value, an overlap, no hub) or failed; 2 a usage error
(an unknown command or option).

A running kiosk notices added and cancelled bookings within a second.`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** A PIN or password: typed without echo, or piped. */
  secret: (prompt: string) => Promise<string>;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), secret: (prompt) => readSecret(prompt) };

export async function runCli(argv: string[], io: Io = processIo, now = systemClock.now()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        'hub-data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        pc: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        code: { type: 'string' },
        all: { type: 'boolean', default: false },
        ca: { type: 'string' },
        map: { type: 'string', multiple: true },
        rule: { type: 'string' },
        'code-pattern': { type: 'string' },
        requested: { type: 'boolean' },
        auth: { type: 'string' },
        user: { type: 'string' },
        admin: { type: 'boolean' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    const message = (error as Error).message;
    if (argv.includes('--json')) io.out(`${JSON.stringify({ error: { code: 'usage', message } })}\n`);
    else io.err(`tupa: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const json = values.json;
  const [group, action, arg] = positionals;

  const fail = (error: unknown): number => {
    if (error instanceof ConfigError) {
      if (json) io.out(`${JSON.stringify({ error: { code: 'invalid-config', message: error.message, problems: error.problems } })}\n`);
      else io.err(`${error.message}\n`);
      return 1;
    }
    if (error instanceof CommandError) {
      if (json) io.out(`${JSON.stringify({ error: { code: error.code, field: error.field, message: error.message } })}\n`);
      else io.err(`tupa: ${error.message}\n`);
      // A command that does not exist is a usage error, like an unknown option.
      return error.code === 'unknown-command' ? 2 : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (json) io.out(`${JSON.stringify({ error: { code: 'failed', message } })}\n`);
    else io.err(`tupa: ${message}\n`);
    return 1;
  };

  if (values.help || !group || group === 'help') {
    io.out(`${USAGE}\n`);
    return group || values.help ? 0 : 2;
  }

  try {
    if (!(COMMANDS as readonly string[]).includes(group)) {
      throw new CommandError('unknown-command', `unknown command "${positionals.join(' ')}"; see "npm run tupa -- help"`);
    }
    if (group === 'config' && action === 'check') {
      if (!arg) throw new CommandError('missing-argument', 'give the file to check: config check FILE', 'file');
      loadConfig({ file: arg });
      if (json) io.out(`${JSON.stringify({ ok: true, file: arg })}\n`);
      else io.out(`${arg}: the configuration is valid\n`);
      return 0;
    }
    const { config, source } = loadConfig({ file: values.config, dataDir: values['data-dir'] });
    const dataDir = resolveDataDir({ flag: values['data-dir'], config: config.dataDir });
    if (group === 'config' && action === 'show') {
      const shown = withoutSecrets(config);
      if (json) io.out(`${JSON.stringify({ source, dataDir, config: shown }, null, 2)}\n`);
      else io.out(`# source: ${source}\n# data folder: ${dataDir}\n${JSON.stringify(shown, null, 2)}\n`);
      return 0;
    }
    const print = (value: unknown, text: string) => io.out(json ? `${JSON.stringify(value)}\n` : text);
    if (group === 'maintenance' && action === 'set-pin') {
      const pin = (await io.secret(`New maintenance PIN (${MIN_PIN_DIGITS} to 12 digits): `)).trim();
      if (!new RegExp(`^\\d{${MIN_PIN_DIGITS},12}$`).test(pin)) throw new CommandError('invalid-pin', `the PIN must be ${MIN_PIN_DIGITS} to 12 digits`, 'pin');
      await setMaintenancePin(dataDir, pin);
      print({ ok: true }, `The maintenance PIN of ${config.pc.name} is set (${join(dataDir, 'maintenance-pin')}).\n`);
      return 0;
    }
    const hubFile = hubDatabase(dataDir, values['hub-data-dir']);
    if (values['hub-data-dir'] && !hubFile && !(group === 'hub' && action === 'restore')) {
      throw new CommandError('no-hub', `there is no hub database in ${values['hub-data-dir']}`, 'hub-data-dir');
    }
    if (group === 'hub') {
      const hubDir = values['hub-data-dir'] ?? (hubFile ? dirname(hubFile) : join(dataDir, 'hub'));
      if (action === 'restore') {
        const done = restoreHub(hubDir, arg, now);
        print(done, `Restored the hub of ${done.site} from ${arg}.${done.previous ? `\nThe database it replaced is kept as ${done.previous}.` : ''}\nBookings and help calls made after the backup are not in it; start the hub again.\n`);
        return 0;
      }
      if (!hubFile) throw new CommandError('no-hub', `there is no site hub in ${hubDir}: start the hub once, or give --hub-data-dir`, 'hub-data-dir');
      return await hubCommand(hubFile, action, positionals.slice(2), { io, json, now, print, ca: values.ca, source: values, admin: values.admin });
    }
    if (group !== 'bookings' || !['add', 'list', 'cancel'].includes(action ?? '')) {
      throw new CommandError('unknown-command', `unknown command "${positionals.join(' ')}"; see "npm run tupa -- help"`);
    }
    if (hubFile) {
      if (action === 'add') {
        const added = addAtHub(hubFile, { pc: values.pc, start: values.start, end: values.end, code: values.code }, now);
        if (json) io.out(`${JSON.stringify(added)}\n`);
        else {
          io.out(`Booking ${added.id} added at the site hub for ${added.pc}: ${added.start} to ${added.end}\n`);
          io.out(`Code: ${added.code}\n`);
          io.out('Give the code to the resident now: it is stored only as a keyed hash and cannot be shown again.\n');
          for (const note of added.notes) io.out(`Note: ${note}\n`);
        }
      } else if (action === 'list') {
        const list = listAtHub(hubFile, now, values.pc);
        if (json) io.out(`${JSON.stringify(list)}\n`);
        else io.out(formatList(list, config.timeZone));
      } else {
        const cancelled = cancelAtHub(hubFile, arg, now);
        if (json) io.out(`${JSON.stringify(cancelled)}\n`);
        else io.out(`Booking ${cancelled.id} (${cancelled.start} to ${cancelled.end}) cancelled at the site hub\n`);
      }
      return 0;
    }
    const store = new KioskStore(databaseFile(dataDir), config.pc.id);
    try {
      const ctx = { config, store, now };
      if (action === 'add') {
        const added = addBooking(ctx, { pc: values.pc, start: values.start, end: values.end, code: values.code }, loadOrCreateCodeKey(dataDir));
        if (json) io.out(`${JSON.stringify(added)}\n`);
        else {
          io.out(`Booking ${added.id} added for ${config.pc.name} (${added.pc}): ${added.start} to ${added.end}\n`);
          io.out(`Code: ${added.code}\n`);
          io.out('Give the code to the resident now: it is stored only as a keyed hash and cannot be shown again.\n');
          for (const note of added.notes) io.out(`Note: ${note}\n`);
        }
      } else if (action === 'list') {
        const list = listBookings(ctx, { all: values.all });
        if (json) io.out(`${JSON.stringify(list)}\n`);
        else io.out(formatList(list, config.timeZone));
      } else {
        const cancelled = cancelBooking(ctx, arg);
        if (json) io.out(`${JSON.stringify(cancelled)}\n`);
        else io.out(`Booking ${cancelled.id} (${cancelled.start} to ${cancelled.end}) cancelled\n`);
      }
    } finally {
      store.close();
    }
    return 0;
  } catch (error) {
    return fail(error);
  }
}

async function hubCommand(
  file: string,
  action: string | undefined,
  rest: string[],
  ctx: { io: Io; json: boolean; now: number; print: (value: unknown, text: string) => void; ca?: string | undefined; source: SourceOptions; admin?: boolean | undefined },
): Promise<number> {
  const { io, now, print } = ctx;
  if (action === 'source') return sourceCommand(file, rest, { ...ctx, options: ctx.source });
  if (action === 'update') return updateCommand(file, rest, ctx);
  if (action === 'status') {
    const status = hubStatus(file, now);
    const pcs = status.pcs.map((pc) => `  ${pc.id}  ${pc.name} (${pc.room})  ${pc.state}, last seen ${pc.lastSeen ?? 'never'}`);
    const advisors = status.advisors.map((a) => `  ${a.name}${a.admin ? ' (administrator)' : ''}${a.disabled ? ' (disabled)' : ''}`);
    print(
      status,
      [
        `Site: ${status.site} (${status.timeZone}), hub ${status.running ? 'running' : 'not running'}`,
        `Site CA fingerprint: ${status.caFingerprint}`,
        `PCs:${pcs.length ? `\n${pcs.join('\n')}` : ' none yet'}`,
        `Advisors:${advisors.length ? `\n${advisors.join('\n')}` : ' none yet (add one: hub advisor set NAME)'}`,
        `Help-call notices waiting to be sent: ${status.pendingWebhooks}`,
        cityLine(status.city),
      ].join('\n') + '\n',
    );
    return 0;
  }
  if (action === 'city') {
    const [what, url, site] = rest;
    if (what === 'set') {
      const token = await io.secret(`The token the city gave for site ${site ?? '?'}: `);
      const status = setCityTarget(file, url, site, token, ctx.ca, now);
      print(status, `Figures go to ${status.url} as site ${status.siteId}; a running hub sends them within minutes.\n`);
      return 0;
    }
    if (what === 'status') {
      const status = cityStatus(file, now);
      print(status, `${cityLine(status)}\n`);
      return 0;
    }
    if (what === 'resend') {
      const n = cityResend(file, now);
      print({ ok: true, records: n }, `${n} figures will be sent again.\n`);
      return 0;
    }
    if (what === 'off') {
      cityOff(file, now);
      print({ ok: true }, 'Figures are no longer sent to the city (they are still counted here).\n');
      return 0;
    }
  }
  if (action === 'advisor' && rest[0] === 'set') {
    const password = await io.secret(`Password for ${rest[1] ?? '?'} (at least 10 characters): `);
    const result = await setAdvisor(file, rest[1], password.replace(/\r?\n$/, ''), now, ctx.admin);
    const role = ctx.admin === undefined ? '' : ctx.admin ? ' as an administrator' : ' as an advisor (not an administrator)';
    print({ ok: true, result, ...(ctx.admin === undefined ? {} : { admin: ctx.admin }) }, result === 'added' ? `Advisor ${rest[1]} added${role}.\n` : `Advisor ${rest[1]}: new password set${role}.\n`);
    return 0;
  }
  if (action === 'advisor' && rest[0] === 'disable') {
    disableAdvisor(file, rest[1], now);
    print({ ok: true }, `Advisor ${rest[1]} disabled and signed out.\n`);
    return 0;
  }
  if (action === 'pairing-code') {
    const made = pairingCode(file, now);
    print(made, `Pairing code: ${made.code} (valid until ${made.expiresAt.slice(11, 16)}, once)\nOn the new PC's maintenance screen, check that the hub shows this fingerprint:\n${made.caFingerprint}\n`);
    return 0;
  }
  if (action === 'policy' && rest[0] === 'show') {
    const policy = showPolicy(file);
    print(policy, `${JSON.stringify(policy, null, 2)}\n`);
    return 0;
  }
  if (action === 'policy' && rest[0] === 'set') {
    setPolicy(file, rest[1], now);
    print({ ok: true }, `The site's policy is replaced from ${rest[1]}; a running hub sends it to every PC now.\n`);
    return 0;
  }
  if (action === 'ca') {
    const ca = siteCa(file);
    print(ca, ca.certificate);
    return 0;
  }
  if (action === 'backup') {
    const done = backupHub(file, rest[0]);
    print(done, `Backed up the hub to ${done.file} (${Math.ceil(done.bytes / 1024)} KiB). It holds the site's keys: keep it as safe as the hub.\n`);
    return 0;
  }
  throw new CommandError('unknown-command', `unknown command "hub ${[action, ...rest].filter(Boolean).join(' ')}"; see "npm run tupa -- help"`);
}

function cityLine(city: CitySyncStatus): string {
  const waiting = `${city.pending} waiting${city.notYetDue ? ` (and ${city.notYetDue} of days not yet begun, sent when they begin)` : ''}`;
  if (!city.configured) return `City figures: not sent anywhere (hub city set URL SITE); ${waiting}`;
  const ok = city.lastOkAt ? new Date(city.lastOkAt).toISOString() : 'never';
  const error = city.lastError ? `; last error ${new Date(city.lastErrorAt ?? 0).toISOString()}: ${city.lastError}` : '';
  return `City figures: to ${city.url} as site ${city.siteId}; ${waiting}; last sent ${ok}${error}`;
}

/** The configuration as shown on a screen: webhook secrets and tokens only said to be set. */
function withoutSecrets(config: KioskConfig): KioskConfig {
  const webhooks = config.hub.webhooks.map((hook) => ({
    ...hook,
    ...(hook.secret ? { secret: '(set)' } : {}),
    ...(hook.token ? { token: '(set)' } : {}),
  }));
  return { ...config, hub: { ...config.hub, webhooks } };
}

/** The bookings as a table in the site's wall-clock time; a time in the hour repeated in autumn carries its offset. */
function formatList(list: BookingView[], zone: string): string {
  if (list.length === 0) return 'No bookings.\n';
  const time = (iso: string) => {
    const parsed = parseSiteDateTime(iso, zone);
    return parsed.ok ? formatSiteTime(parsed.at, zone) : iso.slice(11, 16);
  };
  const rows = list.map((b) => `${b.id}  ${b.start.slice(0, 10)}  ${time(b.start)}–${time(b.end)}  ${b.status}`);
  return `id          date        time         status   (${zone})\n${rows.join('\n')}\n`;
}

/** The command groups this command line knows: an installed kiosk started with one of these runs the command, not the kiosk. */
export const COMMANDS = ['bookings', 'config', 'maintenance', 'hub', 'help'] as const;

/** The command-line arguments if `args` (after the program) start with a command, else undefined. */
export function commandArguments(args: readonly string[]): string[] | undefined {
  const withValue = new Set(['--config', '--data-dir', '--hub-data-dir', '--pc', '--start', '--end', '--ca']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (withValue.has(arg)) i++;
    else if (!arg.startsWith('-')) return (COMMANDS as readonly string[]).includes(arg) ? [...args] : undefined;
  }
  return undefined;
}
