import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../core/clock';
import { ConfigError } from '../config/load';
import type { Io } from '../cli/tupa';
import { addSite, disableCoordinator, MIN_COORDINATOR_PASSWORD, newSiteToken, setCoordinator } from './accounts';
import type { CityConfig } from './config';
import { openCityStore } from './receiver';
import type { CityStore } from './store';
import { CityRefusal } from './validation';

export const CITY_USAGE = `Tupa city receiver

usage: node out/main/city.js [--config FILE] [--data-dir DIR]            run the receiver
       node out/main/city.js [--config FILE] [--data-dir DIR] COMMAND    look after it

commands:
  site add ID "NAME"          register a site; prints its token once (give it to the site's IT)
  site list                   the sites and when each last sent its figures
  site token ID               a new token for a site; the old one stops working at once
  coordinator set NAME        add a coordinator, or set a new password (typed without echo, or piped)
  coordinator disable NAME    disable a coordinator and sign them out
  coordinator list            the coordinators' accounts
  ca                          print the receiver's own CA certificate (PEM), for hubs to pin
  help                        show this text

  --config FILE    JSON configuration (default: TUPA_CITY_CONFIG, else city.json in the data folder,
                   else the defaults); TUPA_CITY_DATABASE_URL chooses PostgreSQL at that URL
  --data-dir DIR   the data folder (default: TUPA_CITY_DATA_DIR, else the config's dataDir,
                   else ~/.local/share/tupa/city): city.sqlite, tls/, logs/

A site id is 2 to 40 lower-case letters, digits or dashes (e.g. kemijarvi-tupa).
Commands work while the receiver runs; a new token or a disabled account takes effect at once.`;

/** The command groups of the city receiver's command line. */
export const CITY_COMMANDS = ['site', 'coordinator', 'ca', 'help'] as const;

/** Runs one IT command against the receiver's storage; the exit code. */
export async function runCityCommand(positionals: readonly string[], ctx: { config: CityConfig; dataDir: string; io: Io; now?: number }): Promise<number> {
  const { io, config, dataDir } = ctx;
  const now = ctx.now ?? systemClock.now();
  const [group, action, ...rest] = positionals;
  if (group === undefined || group === 'help') {
    io.out(`${CITY_USAGE}\n`);
    return 0;
  }
  let store: CityStore | undefined;
  try {
    if (group === 'ca') {
      io.out(readCa(config, dataDir));
      return 0;
    }
    if (!((CITY_COMMANDS as readonly string[]).includes(group) && action !== undefined)) {
      throw new CityRefusal(400, 'unknown-command', `unknown command "${positionals.join(' ')}"; see "help"`);
    }
    store = await openCityStore(config, dataDir);
    return await command(store, group, action, rest, { io, now });
  } catch (error) {
    if (error instanceof ConfigError) io.err(`${error.message}\n`);
    else io.err(`city: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

async function command(store: CityStore, group: string, action: string, rest: string[], ctx: { io: Io; now: number }): Promise<number> {
  const { io, now } = ctx;
  const [arg, name] = rest;
  switch (`${group} ${action}`) {
    case 'site add': {
      const token = await addSite(store, arg, name, 'cli', now);
      io.out(`Site ${arg} added.\nToken: ${token}\n`);
      io.out("Give the token to the site's IT now, by a safe way (not by plain e-mail): it is stored only as a hash and cannot be shown again.\n");
      return 0;
    }
    case 'site token': {
      const token = await newSiteToken(store, arg, 'cli', now);
      io.out(`Site ${arg}: new token (the old one no longer works).\nToken: ${token}\n`);
      return 0;
    }
    case 'site list': {
      const sites = await store.sites();
      if (sites.length === 0) io.out('No sites yet (add one: site add ID "NAME").\n');
      for (const s of sites) io.out(`${s.id}  ${s.name}  last sync: ${s.lastSyncAt === undefined ? 'never' : new Date(s.lastSyncAt).toISOString()}\n`);
      return 0;
    }
    case 'coordinator set': {
      const password = await io.secret(`Password for ${arg ?? '?'} (at least ${MIN_COORDINATOR_PASSWORD} characters): `);
      const outcome = await setCoordinator(store, arg, password.replace(/\r?\n$/, ''), 'cli', now);
      io.out(outcome === 'added' ? `Coordinator ${arg} added.\n` : `Coordinator ${arg}: new password set; signed out everywhere.\n`);
      return 0;
    }
    case 'coordinator disable':
      await disableCoordinator(store, arg, 'cli', now);
      io.out(`Coordinator ${arg} disabled and signed out.\n`);
      return 0;
    case 'coordinator list': {
      const list = await store.coordinators();
      if (list.length === 0) io.out('No coordinators yet (add one: coordinator set NAME).\n');
      for (const c of list) io.out(`${c.name}${c.disabled ? ' (disabled)' : ''}\n`);
      return 0;
    }
    default:
      throw new CityRefusal(400, 'unknown-command', `unknown command "${[group, action, ...rest].join(' ')}"; see "help"`);
  }
}

function readCa(config: CityConfig, dataDir: string): string {
  const file = config.tls ? config.tls.ca : join(dataDir, 'tls', 'ca.pem');
  if (!file) throw new CityRefusal(404, 'no-ca', 'the receiver uses the configured certificate and no tls.ca: hubs trust it through the operating system');
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CityRefusal(404, 'no-ca', `there is no CA certificate at ${file} yet: start the receiver once`);
  }
}
