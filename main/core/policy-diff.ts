/**
 * What changed between two site policies, field by field: the summary of a
 * saved version, the "what changes" list before saving, and the other
 * administrator's changes when two saved at once. Objects are compared key
 * by key; lists of the same length item by item (a tile's label, one
 * weekday range); a list that grew or shrank is one change of the whole list.
 */

export type PolicyPath = Array<string | number>;

export interface PolicyChange {
  path: PolicyPath;
  /** Absent: the field was not there before (or is not there after). */
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same(a[key], b[key]));
  }
  return false;
}

function change(path: PolicyPath, before: unknown, after: unknown): PolicyChange {
  const c: PolicyChange = { path };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

/** Every leaf that differs, in the order of the fields (after's keys first, then those only before had). */
export function diffPolicy(before: unknown, after: unknown, path: PolicyPath = []): PolicyChange[] {
  if (same(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((key) => !(key in after))];
    return keys.flatMap((key) => diffPolicy(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return after.flatMap((item, i) => diffPolicy(before[i], item, [...path, i]));
  }
  return [change(path, before, after)];
}

/** A copy of `target` with each change's `after` set at its path (removed where it has none). */
export function applyChanges<T>(target: T, changes: readonly PolicyChange[]): T {
  const result = structuredClone(target) as unknown;
  let root = result;
  for (const c of changes) {
    if (c.path.length === 0) {
      root = structuredClone(c.after);
      continue;
    }
    let node = root as Record<string | number, unknown>;
    for (const key of c.path.slice(0, -1)) {
      if (!isObject(node[key]) && !Array.isArray(node[key])) node[key] = {};
      node = node[key] as Record<string | number, unknown>;
    }
    const last = c.path.at(-1)!;
    if (c.after === undefined) {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else delete node[last];
    } else node[last] = structuredClone(c.after);
  }
  return root as T;
}
