import type { FastifyInstance } from 'fastify';

/**
 * How deep a request body's JSON may nest. Tupa's deepest body (a figures
 * batch: an object, its records, a record) is three levels; a body nested
 * thousands deep is an attack, and parsing or printing it overflows the
 * stack (a 500 and an error in the log for every such request).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text opens more than `max` objects or arrays inside one
 * another. One pass over the text, brackets inside strings not counted;
 * the text need not be valid JSON (the parser judges that afterwards).
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** The refusal: a 400 with a message for the sender, which the servers' error handlers pass on as it is. */
export class JsonTooDeepError extends Error {
  readonly statusCode = 400;
  readonly code = 'TUPA_JSON_TOO_DEEP';

  constructor(max: number) {
    super(`The body's JSON is nested more than ${max} levels deep; no request here needs that.`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * Replaces a server's application/json parser by fastify's own (with its
 * __proto__ and constructor checks) behind a nesting limit, so a deeply
 * nested body is a 400 before it is parsed. The hub and the city receiver
 * both use it.
 */
export function limitJsonDepth(app: FastifyInstance, max = MAX_JSON_DEPTH): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestingExceeds(body as string, max)) {
      done(new JsonTooDeepError(max), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
