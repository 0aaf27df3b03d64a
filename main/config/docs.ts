import { z } from 'zod';
import { configSchema } from './schema';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
};

/** The configuration file's JSON Schema (for editors and validators), generated from the zod schema. */
export function configJsonSchema(): object {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return 'one of ' + s.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`;
  if (s.type === 'integer') return 'whole number';
  if (s.type === 'object' && s.propertyNames) return `texts by language`;
  if (s.type === 'object') return 'object';
  if (s.format === 'uri') return 'address';
  return String(s.type ?? 'value');
}

function limits(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.minimum !== undefined && s.maximum !== undefined) parts.push(`${s.minimum}–${s.maximum}`);
  else if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  else if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}–${s.maxLength ?? '∞'} characters`);
  if (s.minItems !== undefined || s.maxItems !== undefined) parts.push(`${s.minItems ?? 0}–${s.maxItems ?? '∞'} items`);
  if (s.items) {
    const inner = limits(s.items);
    if (inner) parts.push(`each ${inner}`);
  }
  return parts.join('; ');
}

function formatDefault(value: unknown, path: string): string {
  if (value === undefined) return '';
  if (path === 'tiles') return 'the national services listed below';
  const text = JSON.stringify(value);
  return text === '{}' ? '' : `\`${text}\``;
}

function rows(schema: JsonSchema, path: string, out: string[]): void {
  // An object with a description of its own is documented as one field (e.g. help.hours).
  if (schema.type === 'object' && schema.properties && !schema.description) {
    for (const [key, child] of Object.entries(schema.properties)) rows(child, path ? `${path}.${key}` : key, out);
    return;
  }
  out.push(`| \`${path}\` | ${typeOf(schema)} | ${formatDefault(schema.default, path)} | ${limits(schema)} | ${(schema.description ?? '').replace(/\|/g, '\\|')} |`);
  if (schema.type === 'array' && schema.items?.type === 'object' && schema.items.properties) {
    for (const [key, child] of Object.entries(schema.items.properties)) rows(child, `${path}[].${key}`, out);
  }
}

/** docs/configuration.md: every field of a PC's configuration file, from the schema the code validates with. */
export function renderConfigReference(): string {
  const schema = configJsonSchema() as JsonSchema;
  const table: string[] = [];
  rows(schema, '', table);
  const tiles = (schema.properties?.tiles?.default ?? []) as Array<{ id: string; url: string }>;
  return [
    '<!-- Generated from main/config/schema.ts by `npm run docs:config`; do not edit by hand. -->',
    '# Configuration of a room PC',
    '',
    'Each PC reads one JSON file: the path given with `--config`, else the',
    '`TUPA_CONFIG` environment variable, else `kiosk.json` in the data folder',
    '(when the command line is given `--data-dir`), else `/etc/tupa/kiosk.json`',
    '(`%PROGRAMDATA%\\Tupa\\kiosk.json` on Windows). With no file at all, every',
    'default below applies and the PC runs as `pc-1`.',
    '',
    'The file is checked when the kiosk starts. Every problem is reported at',
    'once with the file, the field and the reason, and nothing starts until the',
    'file is right. It is plain JSON (no comments, no trailing commas). Refused',
    'too: unknown fields (so a misspelt name is caught), a field given twice,',
    'hours that end before they start, dates not on the calendar, tiles the',
    'residents\' web view would refuse (a password in the address, the local',
    'network unless `web.allowPrivateHosts` lists the host, a denied host, one',
    'outside `web.allow`, this PC\'s own hub), and list entries that can never',
    'match (an allowed host that `web.deny` also covers, a repeated entry).',
    'Check a file without starting anything: `npm run tupa -- config check FILE`;',
    'see what a PC will use: `npm run tupa -- config show`.',
    '',
    'A JSON Schema for editors is in [kiosk-config.schema.json](kiosk-config.schema.json).',
    '',
    '| field | type | default | allowed | what it does |',
    '|---|---|---|---|---|',
    ...table,
    '',
    '## Default service tiles',
    '',
    ...tiles.map((t) => `- \`${t.id}\`: ${t.url}`),
    '',
    '## Example',
    '',
    '```json',
    JSON.stringify(
      {
        pc: { id: 'raatipirtti-1', name: 'Tietokone 1' },
        room: { name: 'Raatipirtti' },
        walkIn: { maxMinutes: 45 },
        idle: { timeoutMinutes: 10 },
        web: { mediaOrigins: ['https://video.example.fi'] },
      },
      null,
      2,
    ),
    '```',
    '',
  ].join('\n');
}
