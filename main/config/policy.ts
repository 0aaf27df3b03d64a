import { z } from 'zod';
import { isIP } from 'node:net';
import { normalizeHostPattern, normalizeOrigin } from '../shell/policy/url-policy';
import { LOCALES } from '../../preload/contract';
import { datedHours, hourRanges } from './hours';
import { noRepeats, webPolicyIssues } from './web-checks';
import { updatesSchema } from './policy-updates';
import { languagesSchema } from './policy-languages';
import { withTileTranslations } from './tile-languages';
import { printingSchema } from './policy-printing';
import { remoteHelpSchema } from './policy-remote';

/**
 * The site policy: what the hub decides for every PC of a site (tiles, web
 * lists, media origins, thresholds, the advisor's hours). A PC's own
 * configuration file holds the same fields as local defaults and overrides;
 * the hub's copy wins once the PC is paired.
 */

const int = (min: number, max: number) => z.int().min(min).max(max);

const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

const hostname = z
  .string()
  .regex(HOST_PATTERN, {
    error: 'must be a host name such as "kela.fi" (no scheme, path or port); "*.example.fi" covers subdomains',
  })
  // "*.192.0.2.1" passes the pattern above and matches nothing.
  .refine((value) => !HOST_PATTERN.test(value) || normalizeHostPattern(value) !== '', { error: 'can never match: a wildcard covers names, not IP addresses' });

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
  .meta({ description: 'Text per language code (fi, fi-x-selko, sv, en, se, uk, ru, ar, so); the default language is used where one is missing.' });

const tile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1-40 lower-case letters, digits or dashes' }).meta({
    description: 'A stable identifier, unique among the tiles (1-40 lower-case letters, digits or dashes).',
  }),
  url: httpsUrl.meta({ description: 'The address the tile opens in the session\'s web view (https only).' }),
  label: labels,
  description: labels.optional(),
});

export type TileInput = z.input<typeof tile>;

export const DEFAULT_TILES: TileInput[] = withTileTranslations([
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
]);

export const checkInSchema = z
    .strictObject({
      earlyMinutes: int(0, 60).default(5).meta({ description: 'A booking code works from this many minutes before the booking starts until it ends.' }),
      throttle: z
        .strictObject({
          maxWrong: int(1, 20).default(5).meta({ description: 'Wrong codes allowed within the window before the PC stops taking codes.' }),
          windowSeconds: int(10, 3600).default(60).meta({ description: 'The window in which wrong codes are counted.' }),
          lockSeconds: int(10, 3600).default(60).meta({ description: 'How long the PC refuses codes after too many wrong ones.' }),
        })
        .prefault({}),
      holdMinutes: int(1, 120).default(10).meta({
        description:
          'A booking not checked in this many minutes after its start is a no-show: its PC is free for walk-ins until the booking\'s end (the code still works while the PC is free).',
      }),
    })
    .prefault({});

export const warningsSchema = z
    .strictObject({
      minutes: z
        .array(int(1, 60))
        .min(1)
        .max(6)
        .default([10, 5, 1])
        .refine((list) => new Set(list).size === list.length, { error: 'must not repeat a value' })
        .meta({ description: 'Minutes before the end at which the resident is warned.' }),
    })
    .prefault({});

export const walkInSchema = z
    .strictObject({
      enabled: z.boolean().default(true).meta({ description: 'Whether residents without a booking may start a session.' }),
      minFreeMinutes: int(5, 240).default(15).meta({ description: 'A walk-in is offered only when the PC is free for at least this long.' }),
      gapMinutes: int(0, 60).default(5).meta({
        description: 'A walk-in ends this long before the next booking (and never after that booking\'s code becomes valid).',
      }),
      maxMinutes: int(5, 480).default(60).meta({ description: 'The longest walk-in session.' }),
    })
    .prefault({});

export const extensionSchema = z
    .strictObject({
      enabled: z.boolean().default(true).meta({ description: 'Whether a resident may extend a session when the next slot is free.' }),
      minutes: int(5, 120).default(15).meta({ description: 'How much one extension adds.' }),
      maxPerSession: int(0, 10).default(2).meta({ description: 'How many times one session may be extended.' }),
    })
    .prefault({});

export const idleSchema = z
    .strictObject({
      timeoutMinutes: int(1, 120).default(5).meta({ description: 'Minutes without any input before "Are you still there?" is asked.' }),
      promptSeconds: int(20, 600).default(30).meta({
        description: 'How long "Are you still there?" waits before ending the session (at least 20 s). Paused during video calls.',
      }),
    })
    .prefault({});

export const feedbackSchema = z
    .strictObject({
      enabled: z.boolean().default(true).meta({ description: 'Whether the end screen offers the optional three-face feedback.' }),
      timeoutSeconds: int(5, 300).default(30).meta({ description: 'How long the feedback question stays before the welcome screen returns.' }),
    })
    .prefault({});

export const webSchema = z
    .strictObject({
      allow: z.array(hostname).superRefine(noRepeats(normalizeHostPattern, 'host')).default([]).meta({
        description: 'Hosts residents may open. Empty: every public https and http site not denied.',
      }),
      deny: z.array(hostname).superRefine(noRepeats(normalizeHostPattern, 'host')).default([]).meta({ description: 'Hosts always refused, even when allowed above.' }),
      allowPrivateHosts: z
        .array(
          z.string().superRefine((value, ctx) => {
            if (value.includes('*')) {
              ctx.addIssue({ code: 'custom', input: value, message: 'can never match: wildcards are not used here, list each local host on its own' });
            } else if (isIP(value) === 0 && normalizeHostPattern(value) === '') {
              ctx.addIssue({
                code: 'custom',
                input: value,
                message: 'must be a host name or an IP address such as "printer.local" or "192.168.1.20" (no scheme, path or port)',
              });
            }
          }),
        )
        .superRefine(noRepeats(normalizeHostPattern, 'host'))
        .default([])
        .meta({
          description:
            'Hosts or IP addresses on the local network residents may open (e.g. a printer\'s page). Loopback, private and link-local addresses are refused otherwise.',
        }),
      mediaOrigins: z.array(origin).superRefine(noRepeats(normalizeOrigin, 'origin')).default([]).meta({
        description: 'Origins that may use the camera and microphone (video appointments); every other site is refused.',
      }),
    })
    .prefault({});

export const tilesSchema = z
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
    .meta({ description: 'The service tiles on the start page inside a session, in this order.' });

/** The advisor's on-duty hours: a weekly schedule in the site's time zone, with dated exceptions. */
const dayHours = hourRanges;

export const helpSchema = z
  .strictObject({
    phone: z.string().max(40).default('').meta({ description: 'A phone number residents can call when the advisor is not on duty (shown as written).' }),
    hours: z
      .strictObject({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours })
      .prefault({
        mon: [{ from: '09:00', to: '15:00' }],
        tue: [{ from: '09:00', to: '15:00' }],
        wed: [{ from: '09:00', to: '15:00' }],
        thu: [{ from: '09:00', to: '15:00' }],
        fri: [{ from: '09:00', to: '14:00' }],
      })
      .meta({ description: 'When the advisor is on duty, per weekday, in the site\'s time zone (e.g. mon: [{ "from": "09:00", "to": "15:00" }]).' }),
    exceptions: datedHours.meta({ description: 'Dates whose hours differ from the weekly schedule (an empty list: no advisor that day).' }),
    alertRepeatSeconds: int(0, 600)
      .refine((seconds) => seconds === 0 || seconds >= 5, { error: 'must be 0 (sound once) or 5 to 600 seconds' })
      .default(30)
      .meta({
        description:
          'While a help call or a PC out of service waits for an advisor to answer, the console repeats its sound, more quietly, every this many seconds (0: sound once).',
      }),
  })
  .prefault({});

export const usageSchema = z
  .strictObject({
    retentionDays: int(7, 400).default(90).meta({
      description:
        'How many days raw usage events are kept (at the PC once the hub has them, at the hub once counted); the daily figures made from them stay.',
    }),
  })
  .prefault({});

export const bookingsSchema = z
  .strictObject({
    maxDaysAhead: int(1, 366).default(60).meta({
      description:
        'How many days ahead a booking may start (from the advisor\'s console, the hub\'s API and the command line): up to this many days after today, in the site\'s time zone.',
    }),
  })
  .prefault({});

/** Opening hours: a weekly schedule in the site's time zone, with dated exceptions (holidays, short days). */
const ALWAYS = [{ from: '00:00', to: '24:00' }];
export const openingHoursSchema = z
  .strictObject({
    hours: z
      .strictObject({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours })
      .prefault({ mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS })
      .meta({
        description:
          'When the centre is open, per weekday, in the site\'s time zone (e.g. mon: [{ "from": "08:00", "to": "20:00" }]; a day left out or empty is closed). Outside these hours PCs show "Closed" and start nothing, sessions end at closing, and no booking may fall outside them. Default: open at all hours.',
      }),
    exceptions: datedHours.meta({ description: 'Dates whose opening hours differ from the weekly schedule (an empty list: closed all day).' }),
  })
  .prefault({});

export const selfBookingSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: 'Whether residents may book a time for themselves at a kiosk ("Book a time"). Needs the hub.' }),
    lengths: z
      .array(int(15, 240))
      .min(1)
      .max(4)
      .default([30, 60])
      .refine((list) => new Set(list).size === list.length, { error: 'must not repeat a value' })
      .meta({ description: 'The lengths, in minutes, a resident may book.' }),
    daysAhead: int(0, 30).default(7).meta({
      description: 'How many days after today a resident may book (0: today only); never more than bookings.maxDaysAhead.',
    }),
    stepMinutes: int(5, 60).default(15).meta({ description: 'Free times start on this grid of minutes past the hour (15: :00, :15, :30, :45).' }),
    gapMinutes: int(0, 60).default(5).meta({ description: 'A self-booking leaves at least this long free before and after the bookings around it.' }),
    maxPerKioskPerHour: int(1, 60).default(4).meta({ description: 'At most this many self-bookings made from one kiosk within an hour (against one person booking every slot).' }),
    maxOpenPerPcPerDay: int(1, 48).default(4).meta({ description: 'At most this many open self-bookings for one PC on one day.' }),
  })
  .prefault({});

export const queueSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: 'Whether a kiosk offers "Take a number" when no PC is free now. Needs the hub.' }),
    holdMinutes: int(1, 15).default(3).meta({ description: 'How long a called number holds its PC before the next number is called.' }),
    prefix: z.string().regex(/^[A-Z]$/, { error: 'must be one capital letter A-Z' }).default('A').meta({ description: 'The letter before each number (A-12); numbers restart each day.' }),
    maxWaitingPerKiosk: int(1, 50).default(5).meta({ description: 'At most this many numbers taken at one kiosk may wait at once (against one person taking them all).' }),
  })
  .prefault({});

export const boardSchema = z
  .strictObject({
    languages: z.array(localeEnum).max(LOCALES.length).default([]).meta({
      description: 'Languages the lobby status board rotates through after the site\'s default language (empty: the default language only).',
    }),
    rotateSeconds: int(5, 120).default(15).meta({ description: 'How long the status board shows each language.' }),
  })
  .prefault({});

export const sourcesSchema = z
  .strictObject({
    syncMinutes: int(1, 60).default(2).meta({ description: 'How often the hub fetches bookings from its booking sources (Varaamo/Respa, ICS feeds), in minutes.' }),
    daysAhead: int(1, 60).default(14).meta({ description: 'How many days ahead of today the hub fetches from its booking sources (from yesterday on).' }),
    conflictWinner: z.enum(['source', 'local']).default('source').meta({
      description: 'When an imported booking overlaps a booking made here: "source" cancels the local one, "local" leaves the imported one out. Every conflict is listed either way.',
    }),
    alertAfterFailures: int(1, 100).default(3).meta({ description: 'After this many failed syncs of a source in a row, the advisor is alerted.' }),
  })
  .prefault({});

/** Every field the hub may set for its PCs. */
const sitePolicyFields = z.strictObject({
  checkIn: checkInSchema,
  warnings: warningsSchema,
  walkIn: walkInSchema,
  extension: extensionSchema,
  idle: idleSchema,
  feedback: feedbackSchema,
  web: webSchema,
  tiles: tilesSchema,
  help: helpSchema,
  usage: usageSchema,
  bookings: bookingsSchema,
  openingHours: openingHoursSchema,
  selfBooking: selfBookingSchema,
  queue: queueSchema,
  board: boardSchema,
  sources: sourcesSchema,
  updates: updatesSchema,
  languages: languagesSchema,
  printing: printingSchema,
  remoteHelp: remoteHelpSchema,
});

/**
 * The site policy as IT and advisors write it: its fields, and no tile or
 * web-list entry the residents' web view would refuse or never match.
 */
export const sitePolicySchema = sitePolicyFields.superRefine((policy, ctx) => {
  for (const issue of webPolicyIssues(policy)) ctx.addIssue({ code: 'custom', ...issue, params: { quiet: true } });
});

export type SitePolicy = z.output<typeof sitePolicySchema>;
export type SitePolicyInput = z.input<typeof sitePolicySchema>;
