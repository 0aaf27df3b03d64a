import { z } from 'zod';

/**
 * The site policy's `printing` section (main/config/policy.ts holds only its
 * field): the site printer and the page limits. Printing is off until a
 * printer address is set. A PC may have its own printer or daily limit under
 * `perPc` (keyed by the PC's id), so one policy serves a site with a printer
 * per room.
 */

const int = (min: number, max: number) => z.int().min(min).max(max);

export const printerAddress = z
  .string()
  .max(300)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'ipp:' || url.protocol === 'ipps:') && url.hostname !== '' && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { error: 'must be an ipp:// or ipps:// address such as "ipp://printer.local:631/ipp/print" (a CUPS queue: "ipp://host:631/printers/NAME"), without a user name or password' },
  );

export const PAPER_SIZES = { A4: 'iso_a4_210x297mm', Letter: 'na_letter_8.5x11in' } as const;

const perPcFields = z.strictObject({
  printer: printerAddress.optional().meta({ description: 'This PC\'s own printer (instead of the site\'s).' }),
  pagesPerPcPerDay: int(0, 1000).optional().meta({ description: 'This PC\'s own daily page limit.' }),
});

export const printingSchema = z
  .strictObject({
    printer: printerAddress.optional().meta({
      description: 'The site printer\'s IPP address (ipp:// or ipps://; IPP Everywhere or a CUPS queue). Absent: no printing, and no "Print" button.',
    }),
    paper: z.enum(['A4', 'Letter']).default('A4').meta({ description: 'The paper size asked of the printer.' }),
    colour: z.enum(['monochrome', 'color']).default('monochrome').meta({ description: 'Print in colour ("color") or black and white ("monochrome").' }),
    duplex: z.boolean().default(false).meta({ description: 'Print on both sides of the sheet (long edge).' }),
    pagesPerSession: int(0, 500).default(20).meta({ description: 'Pages one session may print in all (copies count).' }),
    pagesPerPcPerDay: int(0, 1000).default(50).meta({ description: 'Pages one PC may print in a day (the site\'s day).' }),
    releaseOver: int(1, 500).optional().meta({
      description: 'Jobs of more pages than this wait until the advisor releases them in the console (absent: no job waits).',
    }),
    timeoutSeconds: int(2, 120).default(20).meta({
      description: 'How long the kiosk waits for the printer\'s answer; after that it asks the printer whether the job arrived before sending it again.',
    }),
    perPc: z.record(z.string().min(1).max(64), perPcFields).default({}).meta({
      description: 'Per PC (by its id): its own printer or daily page limit over the site\'s.',
    }),
  })
  .prefault({});

export type PrintingPolicy = z.output<typeof printingSchema>;

/** The printing settings that hold for one PC: the site's, with that PC's own entries over them. */
export function printingFor(policy: PrintingPolicy, pcId: string): Omit<PrintingPolicy, 'perPc'> {
  const { perPc, ...site } = policy;
  const own = perPc[pcId];
  return {
    ...site,
    ...(own?.printer !== undefined ? { printer: own.printer } : {}),
    ...(own?.pagesPerPcPerDay !== undefined ? { pagesPerPcPerDay: own.pagesPerPcPerDay } : {}),
  };
}
