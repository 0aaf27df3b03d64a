import type { PolicyProblem } from '../../../preload/policy-editor-contract';
import type { AdvisorKey, Tr } from '../i18n';

/**
 * Where a refused field's message goes in the form, and what it says. The
 * hub names each problem by its JSON path (`tiles[0].url`); the form's
 * fields are keyed by the same path (`tiles.0.url`), and a problem deeper
 * than any field (`help.hours.mon[0].to`, written in one "Monday" box)
 * goes to the nearest field above it, else to the form as a whole.
 */

export type Path = ReadonlyArray<string | number>;

/** A field's key: its path joined with dots (`tiles.0.label.fi`). */
export const fieldKey = (path: Path): string => path.join('.');

/** The element id of a field's input (a valid, readable id for any key). */
export const fieldDomId = (key: string): string => `policy-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A path as IT reads it: `tiles[1].label.fi`. */
export const pathText = (path: Path): string =>
  path.length === 0 ? '(top level)' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** The key of the nearest field that `has`, at the path or above it; '' for the form as a whole. */
export function fieldFor(path: Path, has: (key: string) => boolean): string {
  for (let length = path.length; length > 0; length--) {
    const key = fieldKey(path.slice(0, length));
    if (has(key)) return key;
  }
  return '';
}

/** Every problem under its field's key ('' for the form as a whole), in the hub's order. */
export function assignProblems(problems: readonly PolicyProblem[], has: (key: string) => boolean): Map<string, PolicyProblem[]> {
  const byField = new Map<string, PolicyProblem[]>();
  for (const problem of problems) {
    const key = fieldFor(problem.path, has);
    byField.set(key, [...(byField.get(key) ?? []), problem]);
  }
  return byField;
}

/** The catalogue message for a zod issue (its code, and for bounds what is bounded), with its values. */
export function problemMessage(problem: PolicyProblem): { key: AdvisorKey; values?: Record<string, string | number> } {
  const list = problem.origin === 'array' || problem.origin === 'set';
  switch (problem.code) {
    case 'invalid_type':
      return { key: 'policyEditor.problem.type' };
    case 'too_small':
      if (list) return { key: 'policyEditor.problem.minItems', values: { count: problem.minimum ?? 1 } };
      if (problem.origin === 'string') return { key: 'policyEditor.problem.required' };
      return { key: 'policyEditor.problem.min', values: { min: problem.minimum ?? 0 } };
    case 'too_big':
      if (list) return { key: 'policyEditor.problem.maxItems', values: { count: problem.maximum ?? 0 } };
      if (problem.origin === 'string') return { key: 'policyEditor.problem.maxLength', values: { count: problem.maximum ?? 0 } };
      return { key: 'policyEditor.problem.max', values: { max: problem.maximum ?? 0 } };
    case 'invalid_format':
      return { key: problem.format === 'url' ? 'policyEditor.problem.url' : 'policyEditor.problem.format' };
    case 'invalid_value':
      return { key: 'policyEditor.problem.choice' };
    case 'unrecognized_keys':
      return { key: 'policyEditor.problem.unknownField' };
    case 'custom':
      return { key: 'policyEditor.problem.rule' };
    default:
      return { key: 'policyEditor.problem.other' };
  }
}

export const problemText = (problem: PolicyProblem, tr: Tr): string => {
  const { key, values } = problemMessage(problem);
  return tr(key, values);
};
