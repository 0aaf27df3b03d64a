import { RequestError } from './api';
import type { CityKey, Tr } from './i18n';

/** The receiver's stable error names that have their own text on the dashboard. */
const KNOWN: Record<string, CityKey> = {
  origin: 'errors.origin',
  unauthorized: 'errors.signedOut',
  invalid: 'errors.invalid',
  'bad-data': 'errors.badData',
};

/**
 * A refused request as the coordinator reads it: in the dashboard's language
 * where it knows the reason, otherwise the receiver's own words.
 */
export function describeError(error: unknown, tr: Tr): string {
  if (!(error instanceof RequestError)) return tr('errors.unexpected');
  if (error.status === 0) return tr('errors.unreachable');
  if (error.status === 429) return error.retryAfterSeconds ? tr('errors.slowDown', { seconds: error.retryAfterSeconds }) : tr('errors.slowDownNoTime');
  const key = KNOWN[error.error];
  if (key) return tr(key, { message: error.message });
  if (error.status === 401) return tr('errors.signedOut');
  return tr('errors.refused', { message: error.message });
}
