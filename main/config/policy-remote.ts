import { z } from 'zod';
import { datedHours, hourRanges } from './hours';

/**
 * Help from afar (issue 16): when residents may ask an advisor who is not
 * in the room to see their page, who may answer, whether the PCs have
 * headsets, and the TURN server the media go through when direct fails.
 * The TURN server's shared secret is not here (the PCs receive this
 * policy): it is in the hub's own configuration (hub.turnSecret).
 */
const TURN_URL = /^turns?:(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/i;

export const remoteHelpSchema = z
  .strictObject({
    enabled: z.boolean().default(false).meta({ description: 'Whether residents may ask for help on the screen ("Get help on the screen") during the hours below. Needs the hub.' }),
    hours: z
      .strictObject({ mon: hourRanges, tue: hourRanges, wed: hourRanges, thu: hourRanges, fri: hourRanges, sat: hourRanges, sun: hourRanges })
      .prefault({})
      .meta({ description: 'When a remote advisor is on duty, per weekday, in the site\'s time zone (e.g. mon: [{ "from": "09:00", "to": "16:00" }]).' }),
    exceptions: datedHours.meta({ description: 'Dates whose remote hours differ from the weekly schedule (an empty list: no remote help that day).' }),
    helpers: z
      .array(z.string().min(1).max(60))
      .max(50)
      .default([])
      .meta({
        description:
          'The advisor accounts (by name, as signed in at this hub) who answer remote calls, wherever they sit in the city. Empty: every advisor of this hub may.',
      }),
    headsets: z.boolean().default(false).meta({ description: 'Whether the PCs have headsets: then the resident and the advisor talk; otherwise they write (the chat is always there).' }),
    turnUrls: z
      .array(z.string().regex(TURN_URL, { error: 'must be a TURN address such as "turn:turn.example.fi:3478?transport=udp"' }))
      .max(4)
      .default([])
      .meta({ description: 'The city\'s TURN server(s) for when the PC and the console cannot reach each other directly (the hub hands out short-lived credentials; its secret is in the hub\'s configuration). Empty: direct only.' }),
  })
  .prefault({});

export type RemoteHelpPolicy = z.output<typeof remoteHelpSchema>;
