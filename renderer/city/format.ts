import { useMemo } from 'react';
import { intlLocale } from '../i18n/languages';
import { formatDate } from '../ui/dates';
import { formatMonth, type MonthStyle } from '../ui/months';
import type { Shown } from '../ui/shown';
import { amountBounds, SUPPRESSED, type Amount, type MonthKey, type RemoteMinutes, type Value } from './figures';
import { useText, type CityLocale, type Tr } from './i18n';

const MISSING = '–';

/** Numbers, months and times in the dashboard's language (Finnish: 12 345, 72 %, tammi 2026). */
export class Format {
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly tenths: Intl.NumberFormat;

  constructor(
    readonly locale: CityLocale,
    private readonly tr: Tr,
  ) {
    const intl = intlLocale(locale);
    this.numbers = new Intl.NumberFormat(intl);
    this.percents = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 });
    this.tenths = new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** 'tammi 2026' (short), 'tammikuu 2026' (long) or 'tammi' (name); a month that is not YYYY-MM is shown as it came. */
  month(month: MonthKey, style: MonthStyle = 'long'): string {
    return formatMonth(this.locale, month, style);
  }

  time(at: number): string {
    return formatDate(at, this.locale, Intl.DateTimeFormat().resolvedOptions().timeZone, 'dateTime');
  }

  /** An amount some of whose parts arrived as "<5": exact, "<5" as it came, or the range it must lie in. */
  amount(amount: Amount): Shown {
    if (amount.suppressed === 0) return { text: this.number(amount.known) };
    if (amount.known === 0 && amount.suppressed === 1) return { text: SUPPRESSED, spoken: this.tr('common.fewerThan5') };
    const { low, high } = amountBounds(amount);
    return { text: `${this.number(low)}–${this.number(high)}`, spoken: this.tr('common.between', { low: this.number(low), high: this.number(high) }) };
  }

  /** An amount, or a dash for a month without figures. */
  maybeAmount(amount: Amount | undefined): Shown {
    return amount ? this.amount(amount) : { text: MISSING, spoken: this.tr('common.noFigures') };
  }

  /** The words for an amount, for a sentence ("fewer than 5", "between 10 and 18"). */
  amountInWords(amount: Amount): string {
    const shown = this.amount(amount);
    return shown.spoken ?? shown.text;
  }

  /** Minutes of help on the screen (one decimal), "<5" where fewer than 5 calls stood behind them, or a dash where no call was answered. */
  remoteMinutes(minutes: RemoteMinutes): Shown {
    switch (minutes.kind) {
      case 'none':
        return { text: MISSING, spoken: this.tr('breakdown.noRemoteAnswered') };
      case 'suppressed':
        return { text: SUPPRESSED, spoken: this.tr('common.fewerThan5Calls') };
      case 'minutes':
        return { text: this.tr('breakdown.minutesValue', { value: this.tenths.format(minutes.value) }) };
    }
  }

  /** A table value: an exact total, a share of good feedback, or why there is none. */
  value(value: Value): Shown {
    switch (value.kind) {
      case 'missing':
        return { text: MISSING, spoken: this.tr('common.noFigures') };
      case 'count':
        return { text: this.number(value.value) };
      case 'share': {
        const low = this.percents.format(value.low);
        const high = this.percents.format(value.high);
        if (low === high) return { text: low };
        // "70–75 %" in Finnish: each language's own way to write a range.
        return { text: this.percents.formatRange(value.low, value.high), spoken: this.tr('common.between', { low, high }) };
      }
      case 'no-answers':
        return { text: MISSING, spoken: this.tr('common.noFeedback') };
      case 'suppressed':
        return { text: SUPPRESSED, spoken: this.tr('common.notComputable') };
    }
  }
}

export function useFormat(): { tr: Tr; format: Format; locale: CityLocale } {
  const { tr, locale } = useText();
  return useMemo(() => ({ tr, locale, format: new Format(locale, tr) }), [tr, locale]);
}
