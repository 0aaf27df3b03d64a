import type { Path } from './problems';

/**
 * The policy being edited, as plain JSON: fields are set by path, and the
 * few written as text (hours, lists, numbers) are read back leniently: what
 * cannot be read is passed on as written, so the hub's check names it at
 * its field instead of the form guessing.
 */

export type Json = unknown;

export function getAt(value: Json, path: Path): Json {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
}

/** A copy with `next` at `path` (undefined removes the field); the objects and lists on the way are copied, the rest shared. */
export function setAt(value: Json, path: Path, next: Json): Json {
  if (path.length === 0) return next;
  const [key, ...rest] = path;
  const node = (value !== null && typeof value === 'object' ? value : typeof key === 'number' ? [] : {}) as Record<string | number, Json>;
  const child = setAt(node[key!], rest, next);
  if (Array.isArray(node)) {
    const copy = [...(node as Json[])];
    copy[key as number] = child;
    return copy;
  }
  const copy = { ...node };
  if (child === undefined) delete copy[key!];
  else copy[key!] = child;
  return copy;
}

/** A list with item `index` moved by `by` places (out of range: unchanged). */
export function move<T>(list: readonly T[], index: number, by: number): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item!);
  return copy;
}

export interface Range {
  from: string;
  to: string;
}

/** "09:00–15:00, 16:00–18:00" (empty: none). */
export const formatRanges = (ranges: Json): string =>
  Array.isArray(ranges) ? (ranges as Range[]).map((r) => `${r.from}–${r.to}`).join(', ') : '';

/** The ranges as written: "9:00-15:00" stays "9:00" for the hub to refuse at its field; a range without a dash has no end. */
export function parseRanges(text: string): Range[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^(.*?)\s*[-–—]\s*(.*)$/.exec(part);
      return match ? { from: match[1]!, to: match[2]! } : { from: part, to: '' };
    });
}

/** One entry a line. */
export const formatLines = (list: Json): string => (Array.isArray(list) ? list.map(String).join('\n') : '');
export const parseLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A whole number as written ("15"), or the text itself ("15 min") for the hub to refuse. */
export function parseNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** "10, 5, 1". */
export const formatNumbers = (list: Json): string => (Array.isArray(list) ? list.join(', ') : '');
export const parseNumbers = (text: string): Array<number | string> =>
  text
    .split(/[,\s]+/)
    .filter((part) => part !== '')
    .map(parseNumber);
