/**
 * What a log line or a receipt must never hold: addresses (any scheme,
 * data: and javascript: included) and booking codes. Core rules and the
 * logger share this one scrubber.
 */
const URI = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const INLINE_URI = /\b(?:data|javascript|blob|file|about|mailto|tel):[^\s"'<>]+/gi;
const WWW = /\bwww\.[^\s"'<>]+/gi;
// A UUID is matched whole first, so six digits inside an id (a session's, a batch's) are not taken for a code.
const CODE_OR_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<!\d)\d{6}(?!\d)/gi;

export function scrubText(text: string): string {
  return text
    .replace(URI, '[url]')
    .replace(INLINE_URI, '[url]')
    .replace(WWW, '[url]')
    .replace(CODE_OR_UUID, (match) => (match.length === 6 ? '[code]' : match));
}
