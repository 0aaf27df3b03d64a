export interface ConfigProblem {
  file: string;
  field: string;
  reason: string;
}

/** Every problem in a configuration, found at once, each with its file and field. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[], subject = 'The configuration', outcome = 'nothing was started') {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `${subject} has ${count}; ${outcome}.\n` +
        problems.map((p) => `  ${p.file}: ${p.field}: ${p.reason}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A field's path as IT reads it: `help.hours.mon[0].to`; the file's top level is "(top level)". */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
