/**
 * JSON requests to the page's own origin (the site hub for the advisor
 * console, the city's receiver for the coordinators' dashboard): the session
 * cookie goes along, the browser adds Origin, and a refusal becomes a
 * RequestError carrying the server's error body.
 */

/** What a server says when it refuses: a stable error name, a message, and the field at fault. */
export interface ErrorBody {
  error: string;
  message: string;
  field?: string | undefined;
}

/** A refused request: the server's answer (status, stable error name, message, field), or status 0 when the server was not reached. */
export class RequestError extends Error {
  readonly status: number;
  readonly error: string;
  readonly field: string | undefined;
  /** From Retry-After (429): how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;
  /** The whole error body (a refusal may say more than its message, e.g. a site policy's conflict). */
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody, retryAfterSeconds?: number) {
    super(body.message);
    this.name = 'RequestError';
    this.status = status;
    this.error = body.error;
    this.field = body.field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return !!value && typeof value === 'object' && typeof (value as ErrorBody).error === 'string' && typeof (value as ErrorBody).message === 'string';
}

/** Seconds to wait, from a Retry-After header or from the server's message ("… in 12 s"). */
function retryAfter(response: Response, body: ErrorBody): number | undefined {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const inText = /(\d+)\s*s\b/.exec(body.message);
  return inText ? Number(inText[1]) : undefined;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One request with a JSON body (except GET) and a JSON answer; throws RequestError on a refusal or no answer. */
export async function requestJson<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new RequestError(0, { error: 'network', message: 'The server cannot be reached.' });
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    answer = undefined;
  }
  if (!response.ok) {
    const error = isErrorBody(answer) ? answer : { error: 'http', message: `HTTP ${response.status}` };
    throw new RequestError(response.status, error, response.status === 429 ? retryAfter(response, error) : undefined);
  }
  return answer as T;
}
