import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../core/site-time';
import { LOCALES, type Locale } from '../../preload/contract';
import { isIP } from 'node:net';
import { normalizeHostPattern } from '../shell/policy/url-policy';

/**
 * The configuration of one room PC: the IT person's interface. Every field
 * has a default, so a PC starts with no file at all; the descriptions below
 * become docs/configuration.md (`npm run docs:config`).
 */

const int = (min: number, max: number) => z.int().min(min).max(max);

const hostname = z
  .string()
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i, {
    error: 'must be a host name such as "kela.fi" (no scheme, path or port); "*.example.fi" covers subdomains',
  });

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address' });

const origin = z
  .url({ protocol: /^https$/, error: 'must be an https:// origin such as "https://video.example.fi"' })
  .refine((value) => new URL(value).origin === value.replace(/\/$/, ''), {
    error: 'must be an origin only (scheme and host, no path)',
  });

const localeEnum = z.enum(LOCALES);

const labels = z
  .partialRecord(localeEnum, z.string().min(1).max(60))
  .refine((value) => Object.keys(value).length > 0, { error: 'needs a text in at least one language' })
  .meta({ description: 'Text per language code (fi, sv, en, se); the default language is used where one is missing.' });

const tile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1-40 lower-case letters, digits or dashes' }).meta({
    description: 'A stable identifier, unique among the tiles (1-40 lower-case letters, digits or dashes).',
  }),
  url: httpsUrl.meta({ description: 'The address the tile opens in the session\'s web view (https only).' }),
  label: labels,
  description: labels.optional(),
});

export const DEFAULT_TILES: z.input<typeof tile>[] = [
  {
    id: 'suomi-fi',
    url: 'https://www.suomi.fi/',
    label: { fi: 'Suomi.fi', sv: 'Suomi.fi', en: 'Suomi.fi', se: 'Suomi.fi' },
    description: {
      fi: 'Julkiset palvelut ja viestit',
      sv: 'Offentliga tjänster och meddelanden',
      en: 'Public services and messages',
      se: 'Almmolaš bálvalusat ja dieđut',
    },
  },
  {
    id: 'kela',
    url: 'https://www.kela.fi/',
    label: { fi: 'Kela', sv: 'FPA', en: 'Kela', se: 'Kela' },
    description: {
      fi: 'Tuet ja etuudet',
      sv: 'Stöd och förmåner',
      en: 'Benefits and support',
      se: 'Doarjagat ja ovdamunit',
    },
  },
  {
    id: 'omakanta',
    url: 'https://www.kanta.fi/omakanta',
    label: { fi: 'OmaKanta', sv: 'MinKanta', en: 'MyKanta', se: 'OmaKanta' },
    description: {
      fi: 'Reseptit ja terveystiedot',
      sv: 'Recept och hälsouppgifter',
      en: 'Prescriptions and health records',
      se: 'Reseapttat ja dearvvašvuođadieđut',
    },
  },
  {
    id: 'mielenterveystalo',
    url: 'https://www.mielenterveystalo.fi/',
    label: { fi: 'Mielenterveystalo', sv: 'Mielenterveystalo', en: 'Mental health hub', se: 'Mielenterveystalo' },
    description: {
      fi: 'Tietoa ja apua nimettömästi',
      sv: 'Information och hjälp anonymt',
      en: 'Information and help, anonymously',
      se: 'Dieđut ja veahkki namahemiid',
    },
  },
  {
    id: 'tyomarkkinatori',
    url: 'https://tyomarkkinatori.fi/',
    label: { fi: 'Työmarkkinatori', sv: 'Jobbmarknad', en: 'Job Market Finland', se: 'Bargomárkanat' },
    description: {
      fi: 'Työnhaku ja TE-palvelut',
      sv: 'Jobbsökning och arbetskraftstjänster',
      en: 'Job search and employment services',
      se: 'Bargguohcan ja bargofápmobálvalusat',
    },
  },
];

export const configSchema = z
  .strictObject({
    pc: z
      .strictObject({
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'must be 1-40 lower-case letters, digits or dashes' })
          .default('pc-1')
          .meta({ description: 'This PC\'s identifier at the site (1-40 lower-case letters, digits or dashes); bookings are made for it.' }),
        name: z.string().min(1).max(40).default('Tietokone 1').meta({ description: 'The name residents see on the screen.' }),
      })
      .prefault({}),
    room: z
      .strictObject({
        name: z.string().min(1).max(60).default('Asukastupa').meta({ description: 'The room\'s name, shown on the welcome screen.' }),
      })
      .prefault({}),
    timeZone: z
      .string()
      .refine(isValidTimeZone, { error: 'must be an IANA time zone such as "Europe/Helsinki"' })
      .default(DEFAULT_TIME_ZONE)
      .meta({ description: 'The site\'s time zone: booking times, hours of the day and daylight-saving changes follow it.' }),
    locales: z
      .strictObject({
        default: localeEnum.default('fi').meta({ description: 'The language each session starts in and the welcome screen returns to.' }),
        available: z
          .array(localeEnum)
          .min(1)
          .default(['fi', 'sv', 'en', 'se'])
          .meta({ description: 'The languages offered in the picker, in this order. en-XA and ar-XB are test locales.' }),
      })
      .prefault({}),
    checkIn: z
      .strictObject({
        earlyMinutes: int(0, 60).default(5).meta({ description: 'A booking code works from this many minutes before the booking starts until it ends.' }),
        throttle: z
          .strictObject({
            maxWrong: int(1, 20).default(5).meta({ description: 'Wrong codes allowed within the window before the PC stops taking codes.' }),
            windowSeconds: int(10, 3600).default(60).meta({ description: 'The window in which wrong codes are counted.' }),
            lockSeconds: int(10, 3600).default(60).meta({ description: 'How long the PC refuses codes after too many wrong ones.' }),
          })
          .prefault({}),
      })
      .prefault({}),
    warnings: z
      .strictObject({
        minutes: z
          .array(int(1, 60))
          .min(1)
          .max(6)
          .default([10, 5, 1])
          .refine((list) => new Set(list).size === list.length, { error: 'must not repeat a value' })
          .meta({ description: 'Minutes before the end at which the resident is warned.' }),
      })
      .prefault({}),
    walkIn: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: 'Whether residents without a booking may start a session.' }),
        minFreeMinutes: int(5, 240).default(15).meta({ description: 'A walk-in is offered only when the PC is free for at least this long.' }),
        gapMinutes: int(0, 60).default(5).meta({
          description: 'A walk-in ends this long before the next booking (and never after that booking\'s code becomes valid).',
        }),
        maxMinutes: int(5, 480).default(60).meta({ description: 'The longest walk-in session.' }),
      })
      .prefault({}),
    extension: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: 'Whether a resident may extend a session when the next slot is free.' }),
        minutes: int(5, 120).default(15).meta({ description: 'How much one extension adds.' }),
        maxPerSession: int(0, 10).default(2).meta({ description: 'How many times one session may be extended.' }),
      })
      .prefault({}),
    idle: z
      .strictObject({
        timeoutMinutes: int(1, 120).default(5).meta({ description: 'Minutes without any input before "Are you still there?" is asked.' }),
        promptSeconds: int(20, 600).default(30).meta({
          description: 'How long "Are you still there?" waits before ending the session (at least 20 s). Paused during video calls.',
        }),
      })
      .prefault({}),
    feedback: z
      .strictObject({
        enabled: z.boolean().default(true).meta({ description: 'Whether the end screen offers the optional three-face feedback.' }),
        timeoutSeconds: int(5, 300).default(30).meta({ description: 'How long the feedback question stays before the welcome screen returns.' }),
      })
      .prefault({}),
    web: z
      .strictObject({
        allow: z.array(hostname).default([]).meta({
          description: 'Hosts residents may open. Empty: every public https and http site not denied.',
        }),
        deny: z.array(hostname).default([]).meta({ description: 'Hosts always refused, even when allowed above.' }),
        allowPrivateHosts: z
          .array(
            z.string().refine((value) => isIP(value) !== 0 || normalizeHostPattern(value) !== '', {
              error: 'must be a host name or an IP address such as "printer.local" or "192.168.1.20" (no scheme, path or port)',
            }),
          )
          .default([])
          .meta({
            description:
              'Hosts or IP addresses on the local network residents may open (e.g. a printer\'s page). Loopback, private and link-local addresses are refused otherwise.',
          }),
        mediaOrigins: z.array(origin).default([]).meta({
          description: 'Origins that may use the camera and microphone (video appointments); every other site is refused.',
        }),
      })
      .prefault({}),
    tiles: z
      .array(tile)
      .max(24)
      .default(DEFAULT_TILES)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((t, i) => {
          if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], input: t.id, message: 'another tile already has this id' });
          seen.add(t.id);
        });
      })
      .meta({ description: 'The service tiles on the start page inside a session, in this order.' }),
    shell: z
      .strictObject({
        relaunchAfterSessions: int(0, 1000).default(25).meta({
          description: 'The app restarts at the welcome screen after this many sessions (Electron never frees old sessions\' memory); 0: never.',
        }),
        restartBy: z.enum(['self', 'supervisor']).default('self').meta({
          description:
            'How that restart happens: "self" starts a new copy and exits; "supervisor" only exits, for a service manager that restarts the app (systemd, Shell Launcher). Under systemd "supervisor" is used whatever this says.',
        }),
      })
      .prefault({}),
    dataDir: z.string().min(1).optional().meta({
      description: 'Where the PC keeps its database, key and logs. Default: TUPA_DATA_DIR, else the OS\'s per-user data folder.',
    }),
    logs: z
      .strictObject({
        maxBytes: int(10_000, 100_000_000).default(1_000_000).meta({ description: 'A log file is rotated when it reaches this size.' }),
        keep: int(1, 50).default(5).meta({ description: 'How many rotated log files are kept.' }),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    if (!config.locales.available.includes(config.locales.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['locales', 'default'],
        input: config.locales.default,
        message: `must be one of locales.available (${config.locales.available.join(', ')})`,
      });
    }
    if (config.walkIn.minFreeMinutes > config.walkIn.maxMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['walkIn', 'minFreeMinutes'],
        input: config.walkIn.minFreeMinutes,
        message: `must not be more than walkIn.maxMinutes (${config.walkIn.maxMinutes})`,
      });
    }
  });

export type KioskConfig = z.output<typeof configSchema>;
export type KioskConfigInput = z.input<typeof configSchema>;
export type Tile = KioskConfig['tiles'][number];
export type { Locale };
