import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, renderConfigReference } from '../../main/config/docs';
import { parseJsonText, validateText } from '../../main/config/load';
import { configSchema } from '../../main/config/schema';
import { cityConfigSchema } from '../../main/city/config';

const ROOT = resolve(import.meta.dirname, '../..');

describe('generated documentation', () => {
  it('docs/configuration.md matches the configuration schema (run `npm run docs:config` after a change)', () => {
    expect(readFileSync(resolve(ROOT, 'docs/configuration.md'), 'utf8')).toBe(renderConfigReference());
  });

  it('docs/kiosk-config.schema.json matches the configuration schema', () => {
    expect(JSON.parse(readFileSync(resolve(ROOT, 'docs/kiosk-config.schema.json'), 'utf8'))).toEqual(configJsonSchema());
  });

  it('documents every top-level field', () => {
    const doc = renderConfigReference();
    for (const field of ['pc.id', 'room.name', 'timeZone', 'locales.default', 'checkIn.earlyMinutes', 'warnings.minutes', 'walkIn.gapMinutes', 'extension.minutes', 'idle.promptSeconds', 'feedback.enabled', 'web.allow', 'web.mediaOrigins', 'tiles[].url', 'dataDir', 'logs.keep']) {
      expect(doc).toContain(`\`${field}\``);
    }
  });
});

/** Every ```json or ```jsonc block of the README and docs/*.md, with where it starts. */
function jsonExamples(): Array<{ where: string; tag: string; text: string }> {
  const files = ['README.md', ...readdirSync(resolve(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.flatMap((file) => {
    const doc = readFileSync(resolve(ROOT, file), 'utf8');
    return [...doc.matchAll(/^```(json\w*)\n([\s\S]*?)^```/gm)].map((m) => ({
      where: `${file}:${doc.slice(0, m.index).split('\n').length}`,
      tag: m[1]!,
      text: m[2]!,
    }));
  });
}

// What each example is, when it is not a PC's configuration file.
const NOT_A_PC_CONFIG: Array<{ where: RegExp; kind: 'city receiver configuration' | 'webhook body' }> = [
  { where: /^docs\/city\.md:/, kind: 'city receiver configuration' },
  { where: /^docs\/site-hub\.md:/, kind: 'webhook body' },
];

describe('the examples in the docs', () => {
  const examples = jsonExamples();

  it('there are configuration examples to check (the search finds them)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  // The loader reads plain JSON (docs/deployment.md says so): an example with comments would not load as shown.
  it.each(examples)('$where loads as written, with the loader\'s own reader and checks', ({ where, tag, text }) => {
    expect(tag).toBe('json');
    const kind = NOT_A_PC_CONFIG.find((e) => e.where.test(where) && (e.kind !== 'webhook body' || text.includes('"event"')))?.kind;
    if (kind === 'city receiver configuration') expect(() => validateText(cityConfigSchema, text, where)).not.toThrow();
    else if (kind === 'webhook body') expect(parseJsonText(text, where)).toMatchObject({ event: expect.stringMatching(/^(help\.requested|pc\.out-of-service|printer\.problem)$/) });
    else expect(() => validateText(configSchema, text, where)).not.toThrow();
  });
});
