import { z } from 'zod';
import { LOCALES, type Locale } from '../../preload/contract';

/**
 * The site's languages, as the hub decides them for every kiosk: the one
 * each session starts in and the ones the picker offers, in order. Empty
 * (the default) leaves each PC's own `locales` settings in force.
 */

const localeEnum = z.enum(LOCALES);

export const languagesSchema = z
  .strictObject({
    default: localeEnum.optional().meta({
      description:
        'The language every session starts in and the welcome screen returns to, for every PC of the site (fi, fi-x-selko for plain-language Finnish, sv, en, se, uk, ru, ar, so). Unset: each PC\'s locales.default.',
    }),
    offered: z
      .array(localeEnum)
      .max(LOCALES.length)
      .refine((list) => new Set(list).size === list.length, { error: 'names a language twice' })
      .default([])
      .meta({
        description:
          'The languages the kiosks\' picker offers, in this order (for example ["fi", "fi-x-selko", "sv", "en", "uk", "ru", "ar", "so", "se"]). Empty: each PC\'s locales.available.',
      }),
  })
  .superRefine((value, ctx) => {
    if (value.default && value.offered.length > 0 && !value.offered.includes(value.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], input: value.default, message: 'is not among the offered languages' });
    }
  })
  .prefault({});

export type LanguagesPolicy = z.output<typeof languagesSchema>;

/** The languages a kiosk offers and starts in: the site's where it set them, else the PC's own; the default always among those offered. */
export function kioskLanguages(languages: LanguagesPolicy, locales: { default: Locale; available: Locale[] }): { default: Locale; available: Locale[] } {
  const available = languages.offered.length > 0 ? [...languages.offered] : [...locales.available];
  const wanted = languages.default ?? locales.default;
  return { default: available.includes(wanted) ? wanted : available[0]!, available };
}
