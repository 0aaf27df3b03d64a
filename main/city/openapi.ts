import { z } from 'zod';
import {
  BreakdownRecord,
  CITY_SYNC_VERSION,
  CityError,
  DailyRecord,
  MAX_BATCH_RECORDS,
  SMALL_CELL,
  SUPPRESSED,
  SyncBatch,
  SyncReceipt,
} from '../../preload/city-contract';
import { FIGURES_BODY_LIMIT } from './server';
import { MAX_JSON_DEPTH } from '../api/json-body';
import { FIRST_FIGURES_DAY } from '../core/plausible-time';

type Json = Record<string, unknown>;

/**
 * The OpenAPI 3.1 description of the sync between a site hub and the city
 * receiver, generated from the contract's zod schemas (docs/city-sync.openapi.json,
 * `npm run docs:openapi`).
 */
export function cityOpenApi(): Json {
  const registry = z.registry<{ id: string; description: string }>();
  registry.add(DailyRecord, { id: 'DailyRecord', description: 'A daily site total (exact): sessions, minutes, help-calls or no-shows of one day.' });
  registry.add(BreakdownRecord, {
    id: 'BreakdownRecord',
    description: `A monthly breakdown cell: language.<code>, hour.<00-23>, feedback.<good|ok|bad>, end.<reason>, help-acknowledged.<bucket>, help-resolved.<bucket> (delay in seconds, the bucket's lower bound). Cells under ${SMALL_CELL} are sent as "${SUPPRESSED}".`,
  });
  registry.add(SyncBatch, {
    id: 'SyncBatch',
    description: `Up to ${MAX_BATCH_RECORDS} records of one site. Each record is keyed by (site, period, metric) and carries its full current value with a revision: the receiver keeps the highest revision, so repeats and reorderings change nothing.`,
  });
  registry.add(SyncReceipt, { id: 'SyncReceipt', description: 'What the receiver did with a batch: every record is now at least as new as sent.' });
  registry.add(CityError, { id: 'CityError', description: 'The body of every refused request; field is the JSON path of the first bad value (e.g. records[3].value).' });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}`, io: 'input' }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/CityError' } } } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tupa city receiver: usage figures sync',
      version: String(CITY_SYNC_VERSION),
      description:
        'A site hub sends its site-level usage figures to the city receiver. Only site-level figures cross: daily totals, and monthly breakdowns whose small cells travel as "<5". Sends are idempotent: a repeated or reordered batch changes nothing.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: 'https://city.example.fi', description: 'The city receiver (default port 4790)' }],
    security: [{ siteToken: [] }],
    paths: {
      '/api/v1/figures': {
        post: {
          operationId: 'sendFigures',
          summary: 'Send a batch of usage figures',
          description: `All or nothing: a refused batch stores nothing. A record replaces the stored one only with a higher revision. At most ${MAX_BATCH_RECORDS} records and ${FIGURES_BODY_LIMIT / 1024} KiB per batch. Days later than the receiver's today plus one day, months after its current month, and periods before ${FIRST_FIGURES_DAY} are refused.`,
          security: [{ siteToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SyncBatch' } } } },
          responses: {
            '200': { description: 'Stored (or already there).', content: { 'application/json': { schema: { $ref: '#/components/schemas/SyncReceipt' } } } },
            '400': error(
              `Malformed JSON or JSON nested more than ${MAX_JSON_DEPTH} levels deep (too-deep), a value the schema refuses (field names it), a period in the future (future), before ${FIRST_FIGURES_DAY} (too-early) or not in the calendar, or a (period, metric) sent twice in the batch.`,
            ),
            '401': error('The site token is missing or not valid.'),
            '403': error("The token belongs to another site than the batch's."),
            '413': error(`The body is larger than ${FIGURES_BODY_LIMIT / 1024} KiB.`),
            '415': error('The body is not application/json.'),
            '429': error('Too many requests from this address; see Retry-After.'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        siteToken: {
          type: 'http',
          scheme: 'bearer',
          description: "The site's own token, made by the city's IT (`site add`, `site token`); stored at the receiver only as a hash.",
        },
      },
      schemas,
    },
  };
}
