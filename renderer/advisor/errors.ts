import { HubRequestError } from './api';
import type { AdvisorKey, Tr } from './i18n';

/** The hub's stable error names that have their own text in the console. */
const KNOWN: Record<string, AdvisorKey> = {
  'pc-offline': 'errors.pcOffline',
  'unknown-pc': 'errors.unknownPc',
  'unknown-booking': 'errors.unknownBooking',
  'unknown-call': 'errors.unknownCall',
  'call-closed': 'errors.callClosed',
  'in-the-past': 'errors.inThePast',
  'too-short': 'errors.tooShort',
  'too-long': 'errors.tooLong',
  'too-far-ahead': 'errors.tooFarAhead',
  'outside-opening': 'errors.outsideOpening',
  'end-not-after-start': 'errors.endNotAfterStart',
  'start-invalid': 'errors.invalidTime',
  'end-invalid': 'errors.invalidTime',
  'start-nonexistent': 'errors.nonexistentTime',
  'end-nonexistent': 'errors.nonexistentTime',
  'start-ambiguous': 'errors.ambiguousTime',
  'end-ambiguous': 'errors.ambiguousTime',
  overlap: 'errors.overlap',
  origin: 'errors.origin',
  unauthorized: 'errors.signedOut',
  invalid: 'errors.invalid',
  'invalid-month': 'errors.invalidMonth',
  'too-large': 'errors.invalid',
};

/**
 * A refused request as the advisor reads it: in the console's language where
 * the console knows the reason, otherwise the hub's own words.
 */
export function describeError(error: unknown, tr: Tr, values: Record<string, string | number> = {}): string {
  if (!(error instanceof HubRequestError)) return tr('errors.unexpected');
  if (error.status === 0) return tr('errors.unreachable');
  if (error.status === 429) return error.retryAfterSeconds ? tr('errors.slowDown', { seconds: error.retryAfterSeconds }) : tr('errors.slowDownNoTime');
  const key = KNOWN[error.error];
  if (key === 'errors.overlap' && values.booked === undefined) return tr('errors.overlapUnknown', { message: error.message });
  // The hub's message names the site's limit ("at most 60 days ahead"): the console says it in its own words.
  if (key === 'errors.tooFarAhead') return tr(key, { days: /at most (\d+) days/.exec(error.message)?.[1] ?? '?', ...values });
  // The hub's message gives the day's hours ("open on 2026-12-07 at 08:00–16:00 (...)"), or says the day is closed.
  if (key === 'errors.outsideOpening') {
    const hours = /open on \S+ at (.+?) \(the site policy/.exec(error.message)?.[1];
    return hours ? tr(key, { hours, ...values }) : tr('errors.closedDay', values);
  }
  if (key) return tr(key, { message: error.message, ...values });
  if (error.status === 401) return tr('errors.signedOut');
  return tr('errors.refused', { message: error.message });
}
