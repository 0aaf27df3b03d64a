import type { TFunction } from 'i18next';
import type { PrintView as Print } from '../../../preload/contract';

/** What the print dialog's status line says: preparing, the job's state, why it failed, or why it was refused. */
/** Printer faults the hub reports to the advisor (a printer alert); a PC without a hub asks the resident to tell the staff instead. */
type Failure = NonNullable<NonNullable<Print['job']>['failure']>;
type Told = 'media-empty' | 'media-jam' | 'stopped';
const TOLD: ReadonlySet<Failure> = new Set<Told>(['media-empty', 'media-jam', 'stopped']);

export function statusText(print: Print, t: TFunction, advisorTold: boolean): string {
  const failureText = (failure: Failure): string =>
    advisorTold || !TOLD.has(failure) ? t(`print.failure.${failure}`) : t(`print.failureAlone.${failure as Told}`);
  if (print.preparing) return t('print.preparing');
  if (print.job) {
    const { state, failure, sheets } = print.job;
    if (state === 'failed') return failureText(failure ?? 'refused');
    if (state === 'printing' && failure) return `${t('print.state.printing', { count: sheets })} ${failureText(failure)}`;
    return t(`print.state.${state}`, { count: sheets });
  }
  if (print.refused) return t(`print.refused.${print.refused.reason}`);
  return '';
}
