import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, parseJsonText, validate } from '../config/load';
import { defaultDataDir } from '../config/paths';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../core/site-time';

const int = (min: number, max: number) => z.int().min(min).max(max);
const SUBJECT = "The city receiver's configuration";

export const storageSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('sqlite'),
      file: z.string().min(1).optional().meta({ description: 'The database file (default: city.sqlite in the data folder).' }),
    }),
    z.strictObject({
      kind: z.literal('postgres'),
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE')
        .meta({ description: 'postgres://USER:PASSWORD@HOST:PORT/DATABASE (or TUPA_CITY_DATABASE_URL). Never logged.' }),
      poolSize: int(1, 100).default(10).meta({ description: 'Connections the receiver keeps open at most.' }),
    }),
  ], { error: 'must be "sqlite" (one file in the data folder) or "postgres" (with a url)' })
  .meta({ description: 'Where the figures are kept: "sqlite" (default) or "postgres".' });

/** The city receiver's configuration file (JSON). Every field has a default. */
export const cityConfigSchema = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1').meta({ description: 'The address to listen on (0.0.0.0: every interface; the default serves this machine only, e.g. behind a reverse proxy).' }),
      port: int(0, 65535).default(4790).meta({ description: 'The HTTPS port (0: any free port).' }),
    })
    .prefault({}),
  tls: z
    .strictObject({
      cert: z.string().min(1).meta({ description: 'PEM file: the server certificate (with its chain).' }),
      key: z.string().min(1).meta({ description: 'PEM file: its private key.' }),
      ca: z.string().min(1).optional().meta({ description: 'PEM file: the CA hubs should pin (shown by the receiver; default: none).' }),
    })
    .optional()
    .meta({ description: 'An own certificate. Without it the receiver makes a self-signed CA and certificate in the data folder (for trials and behind a reverse proxy).' }),
  hostnames: z
    .array(z.string().min(1).max(253))
    .default([])
    .meta({ description: 'Extra local names and private addresses for the self-signed certificate (localhost and 127.0.0.1 are always in it).' }),
  storage: storageSchema.prefault({ kind: 'sqlite' }),
  timeZone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Helsinki')
    .default(DEFAULT_TIME_ZONE)
    .meta({ description: 'The zone of the receiver\'s "today": figures for later days are refused.' }),
  publicOrigin: z
    .url({ protocol: /^https$/, error: 'must be an https:// address' })
    .optional()
    .meta({ description: 'The dashboard\'s address as browsers see it (behind a reverse proxy); default: https:// and the Host header.' }),
  trustProxy: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: 'Addresses of reverse proxies whose X-Forwarded-For is believed (for the per-source limits).' }),
  limits: z
    .strictObject({
      requestsPerMinute: int(1, 1_000_000).default(600).meta({ description: 'Requests one source may make per minute.' }),
      requestTimeoutSeconds: int(1, 300).default(30).meta({ description: 'How long a request may take to arrive, headers and body.' }),
    })
    .prefault({}),
  dataDir: z.string().min(1).optional().meta({ description: 'Where the receiver keeps its database, certificate and logs.' }),
  logs: z
    .strictObject({
      maxBytes: int(64 * 1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
      keep: int(1, 50).default(5),
    })
    .prefault({}),
});

export type CityConfig = z.output<typeof cityConfigSchema>;
export type CityConfigInput = z.input<typeof cityConfigSchema>;

/** The city receiver's data folder when neither --data-dir, TUPA_CITY_DATA_DIR nor the file says. */
export function defaultCityDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(process.platform, env), 'city');
}

/** A configuration given in code (tests, the preview): checked like a file. */
export function parseCityConfig(raw: unknown, source = '(options)'): CityConfig {
  return validate(cityConfigSchema, raw, source, SUBJECT);
}

/**
 * Reads the configuration: the file given, else TUPA_CITY_CONFIG, else
 * city.json in the data folder if there is one, else the defaults. A named
 * file that is missing is an error. TUPA_CITY_DATABASE_URL, when set,
 * chooses PostgreSQL at that URL (so the password need not be in a file).
 */
export function loadCityConfig(options: { file?: string | undefined; dataDir?: string | undefined; env?: NodeJS.ProcessEnv } = {}): { config: CityConfig; source: string; dataDir: string } {
  const env = options.env ?? process.env;
  const named = options.file ?? env.TUPA_CITY_CONFIG;
  const flagDir = options.dataDir ?? env.TUPA_CITY_DATA_DIR;
  const inDataDir = join(flagDir ?? defaultCityDataDir(env), 'city.json');
  const file = named ?? (existsSync(inDataDir) ? inDataDir : undefined);
  let raw: unknown = {};
  if (file !== undefined) {
    if (!existsSync(file)) throw new ConfigError([{ file, field: '(file)', reason: 'the file does not exist' }], SUBJECT);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError([{ file, field: '(file)', reason: `cannot be read: ${(error as Error).message}` }], SUBJECT);
    }
    raw = parseJsonText(text, file, SUBJECT);
  }
  const source = file ?? 'defaults';
  const config = parseCityConfig(raw, source);
  const url = env.TUPA_CITY_DATABASE_URL;
  if (url !== undefined && url !== '') {
    config.storage = validate(storageSchema, { kind: 'postgres', url, ...(config.storage.kind === 'postgres' ? { poolSize: config.storage.poolSize } : {}) }, 'TUPA_CITY_DATABASE_URL', SUBJECT);
  }
  return { config, source, dataDir: flagDir ?? config.dataDir ?? defaultCityDataDir(env) };
}
