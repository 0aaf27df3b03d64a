import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, renderConfigReference } from '../../main/config/docs';

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
