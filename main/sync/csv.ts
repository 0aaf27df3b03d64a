/**
 * Spreadsheet files that open right: UTF-8 with a byte-order mark (so Excel
 * reads the letters right), CRLF lines, fields quoted per RFC 4180. With the
 * decimal comma the decimal separator is "," and fields are separated by
 * ";", as Excel with Finnish settings expects. Used by the city's export
 * and the advisor's.
 */
export type DecimalMark = 'point' | 'comma';

export function csvDocument(rows: ReadonlyArray<readonly string[]>, decimal: DecimalMark): string {
  const separator = decimal === 'comma' ? ';' : ',';
  return `\uFEFF${rows.map((fields) => fields.map((f) => quote(f, separator)).join(separator)).join('\r\n')}\r\n`;
}

/** A decimal number written with the chosen mark ("45.5" or "45,5"). */
export function decimalText(text: string, decimal: DecimalMark): string {
  return decimal === 'comma' ? text.replace('.', ',') : text;
}

/** a / b to one decimal, halves rounded up, in whole numbers (45.05 is 45.1, which toFixed would make 45.0). */
export function oneDecimal(a: number, b: number): string {
  const tenths = Math.round((a * 10) / b);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** A text a spreadsheet would take for a formula, made plain text with a leading apostrophe. */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with the separator, a quote or a line break goes in quotes, its quotes doubled. */
export function quote(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
