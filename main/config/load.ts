import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJson, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { configSchema, type KioskConfig } from './schema';
import { defaultConfigFile } from './paths';

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

export interface LoadedConfig {
  config: KioskConfig;
  /** The file read, or "defaults" when there was none. */
  source: string;
}

/**
 * Finds and validates a PC's configuration: the file given, else
 * TUPA_CONFIG, else kiosk.json in the data folder given, else the OS's
 * default place; with no file at all, the defaults. A named file that is
 * missing is an error, not a silent default.
 */
export function loadConfig(options: { file?: string | undefined; dataDir?: string | undefined; env?: NodeJS.ProcessEnv } = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const named = options.file ?? env.TUPA_CONFIG;
  const inDataDir = options.dataDir ? join(options.dataDir, 'kiosk.json') : undefined;
  const file = named ?? (inDataDir && existsSync(inDataDir) ? inDataDir : defaultConfigFile(process.platform, env));
  if (!existsSync(file)) {
    if (named) throw new ConfigError([{ file, field: '(file)', reason: 'the file does not exist' }]);
    return { config: parseConfig({}, 'defaults'), source: 'defaults' };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([{ file, field: '(file)', reason: `cannot be read: ${(error as Error).message}` }]);
  }
  return { config: parseConfigText(text, file), source: file };
}

export function parseConfigText(text: string, file: string): KioskConfig {
  return parseConfig(parseJsonText(text, file), file);
}

/** A JSON file's content, or a ConfigError saying where it stops being JSON. */
export function parseJsonText(text: string, file: string, subject?: string, outcome?: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const raw: unknown = parseJson(body, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(body, first.offset);
    throw new ConfigError(
      [{ file, field: '(file)', reason: `is not valid JSON: line ${line}, column ${column}: ${describeJsonError(first.error)}` }],
      subject,
      outcome,
    );
  }
  return raw;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character (is a quote or comma missing?)',
  InvalidCharacter: 'unexpected character (is a quote or comma missing?)',
  ValueExpected: 'a value is missing (or a comma too many)',
  PropertyNameExpected: 'a field name in double quotes is expected (or a comma too many)',
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing after the field name',
  CloseBraceExpected: 'a } is missing (the file may be cut short)',
  CloseBracketExpected: 'a ] is missing',
  EndOfFileExpected: 'there is text after the end of the configuration',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a text value is not closed with a double quote',
};

function describeJsonError(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return JSON_ERRORS[name] ?? name;
}

export function parseConfig(raw: unknown, file: string): KioskConfig {
  return validate(configSchema, raw, file);
}

/** Validates against a schema, reporting every problem with its file and field. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown, file: string, subject?: string, outcome?: string): z.output<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => toProblem(issue, file)),
    subject,
    outcome,
  );
}

function toProblem(issue: z.core.$ZodIssue, file: string): ConfigProblem {
  const field = issue.path.length ? formatPath(issue.path) : '(top level)';
  let reason = issue.message;
  if (issue.code === 'unrecognized_keys') {
    return { file, field, reason: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  if (issue.code === 'invalid_type') reason = `must be ${article(issue.expected)}`;
  if (issue.code === 'too_small') reason = issue.origin === 'array' ? `must have at least ${issue.minimum} item(s)` : `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big') reason = issue.origin === 'array' ? `must have at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}`;
  if (issue.code === 'invalid_value') reason = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('input' in issue && issue.input !== undefined && issue.code !== 'invalid_union') {
    reason += ` (found ${preview(issue.input)})`;
  }
  return { file, field, reason };
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function article(expected: string): string {
  const map: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object' };
  return map[expected] ?? expected;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

