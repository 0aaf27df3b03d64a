/**
 * What a log line or a receipt must never hold: addresses (any scheme,
 * data: and javascript: included) and booking codes. Core rules and the
 * logger share this one scrubber.
 */
const URI = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const INLINE_URI = /\b(?:data|javascript|blob|file|about|mailto|tel):[^\s"'<>]+/gi;
const WWW = /\bwww\.[^\s"'<>]+/gi;
const CODE = /(?<!\d)\d{6}(?!\d)/g;

export function scrubText(text: string): string {
  return text.replace(URI, '[url]').replace(INLINE_URI, '[url]').replace(WWW, '[url]').replace(CODE, '[code]');
}
