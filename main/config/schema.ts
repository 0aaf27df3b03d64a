import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../core/site-time';
import { LOCALES, type Locale } from '../../preload/contract';
import { sitePolicySchema } from './policy';

import { hubNetworkSchema } from './hub';
import { embeddedHubOrigins, webPolicyIssues } from './web-checks';

export { DEFAULT_TILES } from './policy';

/**
 * The configuration of one room PC: the IT person's interface. Every field
 * has a default, so a PC starts with no file at all; the descriptions below
 * become docs/configuration.md (`npm run docs:config`).
 */

const int = (min: number, max: number) => z.int().min(min).max(max);
const localeEnum = z.enum(LOCALES);

export const configSchema = z
  .strictObject({
    role: z.enum(['kiosk', 'advisor']).default('kiosk').meta({
      description:
        'What this installation is: "kiosk", a room PC for residents; or "advisor", the digital advisor\'s own PC, which runs the site hub and shows its console in a window with desktop notifications.',
    }),
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
          .meta({
            description:
              'The languages offered in the picker, in this order: fi, fi-x-selko (plain-language Finnish), sv, en, se, uk, ru, ar, so. en-XA and ar-XB are test locales. The site policy\'s languages.offered overrides this.',
          }),
      })
      .prefault({}),
    // Every field of the site policy (a hub's copy overrides these once the PC is paired).
    ...sitePolicySchema.shape,
    hub: z
      .strictObject({
        embedded: z.boolean().default(true).meta({
          description:
            'Whether this PC runs the site hub itself when it is not paired with one (a one-PC site). A PC paired with a hub elsewhere never does.',
        }),
        siteName: z.string().min(1).max(60).optional().meta({ description: 'The site\'s name at an embedded hub (default: the room\'s name).' }),
        ...hubNetworkSchema.shape,
      })
      .prefault({}),
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
    // The site policy's own checks (its fields are spread above, without them), with this PC's hub among the refused origins.
    for (const issue of webPolicyIssues(config, embeddedHubOrigins(config))) ctx.addIssue({ code: 'custom', ...issue, params: { quiet: true } });
  });

export type KioskConfig = z.output<typeof configSchema>;
export type KioskConfigInput = z.input<typeof configSchema>;
export type Tile = KioskConfig['tiles'][number];
export type { Locale };
