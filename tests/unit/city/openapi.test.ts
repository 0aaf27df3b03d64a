import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { cityOpenApi } from '../../../main/city/openapi';
import { CITY_POSTGRES_MIGRATIONS, CITY_SQLITE_MIGRATIONS } from '../../../main/city/migrations';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('the sync\'s OpenAPI description', () => {
  it('docs/city-sync.openapi.json matches the contract (run `npm run docs:openapi` after a change)', () => {
    expect(JSON.parse(readFileSync(resolve(ROOT, 'docs/city-sync.openapi.json'), 'utf8'))).toEqual(cityOpenApi());
  });

  it('is OpenAPI 3.1 with the figures endpoint, its bearer scheme, the receipt and every refusal', () => {
    const doc = cityOpenApi() as { openapi: string; paths: Record<string, { post: { responses: Record<string, unknown> } }>; components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/api/v1/figures']!.post.responses)).toEqual(['200', '400', '401', '403', '413', '415', '429']);
    expect(doc.components.securitySchemes.siteToken!.scheme).toBe('bearer');
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['BreakdownRecord', 'CityError', 'DailyRecord', 'SyncBatch', 'SyncReceipt']);
  });

  it('its schemas accept a good batch and refuse what the receiver refuses', () => {
    const { components } = cityOpenApi() as { components: { schemas: Record<string, object> } };
    const ajv = new Ajv2020({ strict: false });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    for (const [id, schema] of Object.entries(components.schemas)) ajv.addSchema(schema, `#/components/schemas/${id}`);
    const valid = ajv.getSchema('#/components/schemas/SyncBatch')!;
    const batch = (records: unknown[]) => ({ version: 1, site: 'kemijarvi', batchId: '0b6c8f5e-3d0f-4f8e-9a51-6a1c2b3d4e5f', records });
    expect(valid(batch([{ period: '2026-05-04', metric: 'sessions', value: 3, revision: 1 }, { period: '2026-05', metric: 'feedback.good', value: '<5', revision: 1 }]))).toBe(true);
    expect(valid(batch([{ period: '2026-05', metric: 'feedback.good', value: 3, revision: 1 }]))).toBe(false);
    expect(valid(batch([{ period: '2026-05-04', metric: 'sessions', value: -1, revision: 1 }]))).toBe(false);
    expect(valid(batch([]))).toBe(false);
  });
});

describe('the migrations', () => {
  it('are the same numbered steps for SQLite and PostgreSQL', () => {
    expect(CITY_POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(CITY_SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
    expect(CITY_SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(CITY_SQLITE_MIGRATIONS.map((_, i) => i + 1));
  });
});
