import { isCodeValidAt, type CheckInWindow, type Slot } from './bookings';

/**
 * How long a booking's code is. Tupa makes six digits; bookings imported
 * from the city's Respa/Varaamo carry four or six (leading zeros kept). The
 * PC keeps the length with each booking, never the code.
 */
export type CodeLength = 4 | 6;
export const CODE_LENGTHS: readonly CodeLength[] = [4, 6];
/** A booking that says nothing of its code's length (older hubs, older rows) has six digits. */
export const DEFAULT_CODE_LENGTH: CodeLength = 6;

/** Four or six digits, leading zeros kept: the codes a kiosk accepts at all. */
export const ANY_CODE_PATTERN = /^(?:\d{4}|\d{6})$/;

export function codeLengthOf(code: string): CodeLength | undefined {
  return ANY_CODE_PATTERN.test(code) ? (code.length as CodeLength) : undefined;
}

/**
 * Why a code given by IT (the command line, the preview's test route) is
 * refused, in words for IT; undefined when it is a code.
 */
export function codeProblem(code: string): string | undefined {
  if (ANY_CODE_PATTERN.test(code)) return undefined;
  if (!/^\d*$/.test(code)) return 'a code is digits only (4 or 6 of them, leading zeros kept)';
  return `a code has 4 or 6 digits (leading zeros kept); this one has ${code.length}`;
}

export interface WithCodeLength extends Slot {
  codeLength?: CodeLength | undefined;
}

const lengthsOf = (bookings: readonly WithCodeLength[]): CodeLength[] =>
  CODE_LENGTHS.filter((n) => bookings.some((b) => (b.codeLength ?? DEFAULT_CODE_LENGTH) === n));

/**
 * The lengths of code the welcome screen asks for now: those of the
 * bookings whose code works now; when none does, those of the bookings
 * still to come (a resident who comes early hears "not yet", not "too
 * short"); with no bookings at all, six digits. Ascending, never empty.
 * A code of another length matches no booking, so it is simply wrong.
 */
export function codeLengthsNow(bookings: readonly WithCodeLength[], now: number, policy: CheckInWindow): CodeLength[] {
  const live = bookings.filter((b) => b.endsAt > now);
  const inWindow = lengthsOf(live.filter((b) => isCodeValidAt(b, now, policy)));
  if (inWindow.length > 0) return inWindow;
  const ahead = lengthsOf(live);
  return ahead.length > 0 ? ahead : [DEFAULT_CODE_LENGTH];
}
