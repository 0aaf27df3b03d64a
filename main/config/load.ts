import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configSchema, type KioskConfig } from './schema';
import { defaultConfigFile } from './paths';
import { ConfigError, formatPath, type ConfigProblem } from './problems';
import { readJsonText } from './json-text';

export { ConfigError, type ConfigProblem } from './problems';
export { parseJsonText } from './json-text';

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
  return validateText(configSchema, text, file);
}

export function parseConfig(raw: unknown, file: string): KioskConfig {
  return validate(configSchema, raw, file);
}

/** Validates against a schema, reporting every problem with its file and field. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown, file: string, subject?: string, outcome?: string): z.output<S> {
  return checked(schema, raw, [], file, subject, outcome);
}

/**
 * A JSON file's text validated against a schema: fields given twice or
 * named "__proto__" and the schema's own problems, all in one message.
 */
export function validateText<S extends z.ZodType>(schema: S, text: string, file: string, subject?: string, outcome?: string): z.output<S> {
  const { value, problems } = readJsonText(text, file, subject, outcome);
  return checked(schema, value, problems, file, subject, outcome);
}

function checked<S extends z.ZodType>(schema: S, raw: unknown, before: ConfigProblem[], file: string, subject?: string, outcome?: string): z.output<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success && before.length === 0) return result.data;
  const problems = [...before, ...(result.success ? [] : result.error.issues.map((issue) => toProblem(issue, file)))];
  throw new ConfigError(problems, subject, outcome);
}

function toProblem(issue: z.core.$ZodIssue, file: string): ConfigProblem {
  const field = formatPath(issue.path);
  let reason = issue.message;
  if (issue.code === 'unrecognized_keys') {
    return { file, field, reason: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  if (issue.code === 'invalid_type') reason = `must be ${article(issue.expected)}`;
  if (issue.code === 'too_small') reason = issue.origin === 'array' ? `must have at least ${issue.minimum} item(s)` : `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big') reason = issue.origin === 'array' ? `must have at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}`;
  if (issue.code === 'invalid_value') reason = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  // A custom check that names what it found in its message (or must not repeat it: a password in a URL) says so.
  const quiet = issue.code === 'custom' && issue.params?.['quiet'] === true;
  if ('input' in issue && issue.input !== undefined && issue.code !== 'invalid_union' && !quiet) {
    reason += ` (found ${preview(issue.input)})`;
  }
  return { file, field, reason };
}

function article(expected: string): string {
  const map: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object' };
  return map[expected] ?? expected;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

