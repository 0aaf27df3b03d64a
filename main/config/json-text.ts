import { parseTree, printParseErrorCode, type Node, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { ConfigError, formatPath, type ConfigProblem } from './problems';

/**
 * Reading a JSON file written by a person. JSON itself allows a field to be
 * given twice (the last one silently wins) and a field named "__proto__"
 * (which a naive parser turns into the object's prototype, so that its
 * contents take effect while hiding from the unknown-field check). Both are
 * refused here, with the line, before any value is used.
 */

/** Names that are never settings and could change how other fields are read. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonRead {
  /** The content, with own properties only: reserved names left out, a repeated field's last value kept. */
  value: unknown;
  /** Fields given twice and reserved names, in the order of the file. */
  problems: ConfigProblem[];
}

/**
 * A JSON file's content and its structural mistakes. Where the text stops
 * being JSON at all is thrown at once as a ConfigError with line and column.
 */
export function readJsonText(text: string, file: string, subject?: string, outcome?: string): JsonRead {
  const body = text.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(body, first.offset);
    throw new ConfigError(
      [{ file, field: '(file)', reason: `is not valid JSON: line ${line}, column ${column}: ${describeJsonError(first.error)}` }],
      subject,
      outcome,
    );
  }
  const found: Array<ConfigProblem & { at: number }> = [];
  const value = tree ? build(tree, [], { body, file, found }) : undefined;
  found.sort((a, b) => a.at - b.at);
  return { value, problems: found.map(({ at: _at, ...problem }) => problem) };
}

/** A JSON file's content, or a ConfigError saying where it stops being JSON or repeats or misuses a field. */
export function parseJsonText(text: string, file: string, subject?: string, outcome?: string): unknown {
  const { value, problems } = readJsonText(text, file, subject, outcome);
  if (problems.length > 0) throw new ConfigError(problems, subject, outcome);
  return value;
}

interface Context {
  body: string;
  file: string;
  found: Array<ConfigProblem & { at: number }>;
}

function build(node: Node, path: PropertyKey[], context: Context): unknown {
  if (node.type === 'array') return (node.children ?? []).map((child, i) => build(child, [...path, i], context));
  if (node.type !== 'object') return node.value as unknown;
  const object: Record<string, unknown> = {};
  const offsets = new Map<string, number[]>();
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode) continue;
    const key = String(keyNode.value);
    const field = formatPath([...path, key]);
    if (RESERVED.has(key)) {
      context.found.push({
        at: keyNode.offset,
        file: context.file,
        field,
        reason: `is not a setting: "__proto__", "constructor" and "prototype" are reserved names (line ${lineAndColumn(context.body, keyNode.offset).line})`,
      });
      continue;
    }
    offsets.set(key, [...(offsets.get(key) ?? []), keyNode.offset]);
    if (valueNode) object[key] = build(valueNode, [...path, key], context);
  }
  for (const [key, at] of offsets) {
    if (at.length < 2) continue;
    const places = at.map((offset) => lineAndColumn(context.body, offset));
    const lines = places.map((p) => p.line);
    const where =
      new Set(lines).size === lines.length ? `lines ${listed(lines)}` : listed(places.map((p) => `line ${p.line} column ${p.column}`));
    const times = at.length === 2 ? 'twice' : `${at.length} times`;
    context.found.push({ at: at[1]!, file: context.file, field: formatPath([...path, key]), reason: `is given ${times} (${where}): keep one` });
  }
  return object;
}

function listed(items: ReadonlyArray<number | string>): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
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
