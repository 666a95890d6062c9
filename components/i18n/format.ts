import { currencyDigits } from '../../lib/domain/money';

/** Locale-aware formatting of the figures the sidebar shows, all through `Intl`. */
export interface Formatters {
  locale: string;
  /** 1234.5 USD → "$1,234.50" (en-US), "US$1.234,50" (id-ID). `signed`: "+$20.00". */
  money(amount: number, currency: string, options?: { signed?: boolean }): string;
  /** Short money for chart axes: "$125K". */
  compactMoney(amount: number, currency: string): string;
  /** 0.873 → "87.3%"; `signed`: "+4.2%". */
  percent(fraction: number, options?: { signed?: boolean; maxDigits?: number }): string;
  /** A plain number: 3.24 → "3.2" (one decimal by default). */
  number(value: number, maxDigits?: number, options?: { signed?: boolean }): string;
  /** A calendar date `YYYY-MM-DD` → "Sep 30, 2026" (never shifted by a time zone). */
  date(isoDate: string): string;
  /** A plan or survey period: "July 2026" for a month, "Jul – Sep 2026" otherwise. */
  period(start: string, end: string): string;
  /** An instant (ISO timestamp) in the user's time zone: "Sep 30, 2026, 2:05 PM". */
  dateTime(timestamp: string): string;
  /** An instant relative to `now`: "3 minutes ago", "in 2 days", "now". */
  relative(timestamp: string, now: Date): string;
  /** A count of days: "12 days", "12 hari". */
  days(count: number): string;
}

function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/**
 * Every `Intl` formatter, built once per locale and options for the page's lifetime: building
 * one costs far more than using it (the first one also loads the locale's ICU data).
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let value = cache.get(key) as T | undefined;
  if (!value) cache.set(key, (value = make()));
  return value;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function createFormatters(locale: string): Formatters {
  // A period's name, by start and end: formatting a date range is dear (~0.5 ms) and the
  // deal views name the same few periods on every keystroke.
  const periodNames = new Map<string, string>();
  const moneyFormat = (currency: string, signed: boolean, compact: boolean) =>
    cached(`m|${locale}|${currency}|${signed}|${compact}`, () => {
      const digits = currencyDigits(currency) ?? 2;
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        ...(compact
          ? { notation: 'compact', maximumFractionDigits: 1 }
          : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
        signDisplay: signed ? 'exceptZero' : 'auto',
      });
    }) as Intl.NumberFormat;
  const plain = (maxDigits: number, signed: boolean, style: 'decimal' | 'percent') =>
    cached(
      `n|${locale}|${maxDigits}|${signed}|${style}`,
      () =>
        new Intl.NumberFormat(locale, {
          style,
          maximumFractionDigits: maxDigits,
          signDisplay: signed ? 'exceptZero' : 'auto',
        }),
    ) as Intl.NumberFormat;

  function money(amount: number, currency: string, options?: { signed?: boolean }): string {
    if (currencyDigits(currency) === null) {
      return `${plain(2, options?.signed ?? false, 'decimal').format(amount)} ${currency}`;
    }
    return moneyFormat(currency, options?.signed ?? false, false).format(amount);
  }

  return {
    locale,
    money,
    compactMoney: (amount, currency) =>
      currencyDigits(currency) === null
        ? money(amount, currency)
        : moneyFormat(currency, false, true).format(amount),
    percent: (fraction, options) =>
      plain(options?.maxDigits ?? 1, options?.signed ?? false, 'percent').format(fraction),
    number: (value, maxDigits = 1, options) =>
      plain(maxDigits, options?.signed ?? false, 'decimal').format(value),
    date: (isoDate) =>
      (
        cached(
          `d|${locale}`,
          () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
        ) as Intl.DateTimeFormat
      ).format(utcDate(isoDate)),
    period: (start, end) => {
      const key = `${start}|${end}`;
      const known = periodNames.get(key);
      if (known !== undefined) return known;
      const sameMonth = start.slice(0, 7) === end.slice(0, 7);
      const format = cached(
        `p|${locale}|${sameMonth}`,
        () =>
          new Intl.DateTimeFormat(locale, {
            month: sameMonth ? 'long' : 'short',
            year: 'numeric',
            timeZone: 'UTC',
          }),
      ) as Intl.DateTimeFormat;
      const name = sameMonth
        ? format.format(utcDate(start))
        : format.formatRange(utcDate(start), utcDate(end));
      periodNames.set(key, name);
      return name;
    },
    dateTime: (timestamp) =>
      (
        cached(
          `t|${locale}`,
          () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
        ) as Intl.DateTimeFormat
      ).format(new Date(timestamp)),
    relative: (timestamp, now) => {
      const rtf = cached(
        `r|${locale}`,
        () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      );
      let value = (Date.parse(timestamp) - now.getTime()) / 1000;
      if (!Number.isFinite(value)) return '';
      if (Math.abs(value) < 45) return rtf.format(0, 'second');
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
        value /= size;
      }
      return rtf.format(Math.round(value), 'year');
    },
    days: (count) =>
      (
        cached(
          `u|${locale}`,
          () =>
            new Intl.NumberFormat(locale, {
              style: 'unit',
              unit: 'day',
              unitDisplay: 'long',
              maximumFractionDigits: 0,
            }),
        ) as Intl.NumberFormat
      ).format(count),
  };
}
