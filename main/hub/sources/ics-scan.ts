/**
 * A first pass over an ICS feed's text, before the library parses it (issue 12):
 * it counts the events (so a feed of 100,000 is refused in milliseconds, not after
 * minutes and all the memory), finds the line where each VEVENT begins (so a
 * problem can name it) and the first line that is not "NAME:value" (so a
 * malformed feed is refused with its line, without quoting its text).
 */

/** A whole feed refused: nothing of it is applied and the source keeps its last good copy. */
export class IcsParseError extends Error {
  constructor(
    /** 'parse': not a readable iCalendar feed; 'too-many': over the count limit; 'options': the source's own settings are wrong. */
    readonly kind: 'parse' | 'too-many' | 'options',
    /** Where, for IT: "line 42", "feed", or the option's name. */
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'IcsParseError';
  }
}

export interface FeedScan {
  /** The physical line (1-based) of each BEGIN:VEVENT, in the order of the feed. */
  eventLines: number[];
}

const PROPERTY_LINE = /^[A-Za-z0-9-]+[;:]/;

export function scanFeed(text: string, maxEvents: number): FeedScan {
  const eventLines: number[] = [];
  let lineNo = 0;
  let start = 0;
  let sawCalendar = false;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNo++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) continue; // a folded continuation
    if (!sawCalendar) {
      if (line.replace(/^\uFEFF/, '').toUpperCase() !== 'BEGIN:VCALENDAR') {
        throw new IcsParseError('parse', `line ${lineNo}`, 'the feed does not begin with BEGIN:VCALENDAR (is it an HTML page or another format?)');
      }
      sawCalendar = true;
      continue;
    }
    if (!PROPERTY_LINE.test(line)) throw new IcsParseError('parse', `line ${lineNo}`, 'is not an iCalendar line (NAME:value)');
    if (line.length === 12 && line.toUpperCase() === 'BEGIN:VEVENT') {
      eventLines.push(lineNo);
      if (eventLines.length > maxEvents) {
        throw new IcsParseError('too-many', `line ${lineNo}`, `more than ${maxEvents} events in the feed (the limit); nothing of it was applied`);
      }
    }
  }
  if (!sawCalendar) throw new IcsParseError('parse', 'feed', 'the feed is empty');
  return { eventLines };
}

/** The library's own message without anything quoted from the feed (which may be a person's text). */
export function libraryReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").slice(0, 200);
}
