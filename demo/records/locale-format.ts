/**
 * How the demo CRM writes and reads numbers and dates for the signed-in user's locale, the way
 * Salesforce does: amounts in the corporate currency with its symbol (`$125,000.00`), others
 * with their ISO code (`EUR 12,500.00`); dates in the locale's short numeric form (en-US
 * `12/31/2026`, de-DE `31.12.2026`). Parsing accepts what the user would type in that locale.
 */
export interface LocaleFormat {
  readonly locale: string;
  amount(amount: number, currency: string): string;
  /** The amount as an edit input shows it: no currency, grouped, the currency's decimals. */
  amountInput(amount: number, currency: string): string;
  date(isoDate: string): string;
  percent(value: number): string;
  /** `USD - U.S. Dollar`, as Salesforce shows the Opportunity Currency field. */
  currencyLabel(currency: string): string;
  /** A non-negative decimal as typed (`125,000.50`, `$125000`); null when it is not one. */
  parseNumber(text: string): number | null;
  /** `YYYY-MM-DD` from the locale's short date or ISO; null when it is not a calendar date. */
  parseDate(text: string): string | null;
}

const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  USD: 'U.S. Dollar',
  EUR: 'Euro',
  GBP: 'British Pound',
};

export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

export function createLocaleFormat(locale: string, corporateCurrency = 'USD'): LocaleFormat {
  const separators = separatorsOf(locale);
  const dateOrder = dateOrderOf(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const grouped = (value: number, digits: number) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);

  return {
    locale,
    amount(amount, currency) {
      if (currency === corporateCurrency) {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
      }
      return `${currency} ${grouped(amount, currencyDigits(currency))}`;
    },
    amountInput: (amount, currency) => grouped(amount, currencyDigits(currency)),
    date(isoDate) {
      const [y, m, d] = isoDate.split('-').map(Number);
      return dateFormat.format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
    },
    percent: (value) =>
      `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}%`,
    currencyLabel(currency) {
      let name = CURRENCY_NAMES[currency];
      if (!name) {
        try {
          name = new Intl.DisplayNames(locale, { type: 'currency' }).of(currency);
        } catch {
          name = undefined;
        }
      }
      return name ? `${currency} - ${name}` : currency;
    },
    parseNumber: (text) => parseLocaleNumber(text, separators),
    parseDate: (text) => parseLocaleDate(text, dateOrder),
  };
}

interface Separators {
  decimal: string;
  group: string;
}

function separatorsOf(locale: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

function parseLocaleNumber(text: string, { decimal, group }: Separators): number | null {
  const t = text
    .trim()
    .replace(/^[A-Z]{3}(?=[\s\d])|[A-Z]{3}$/g, '')
    .replace(/[$€£¥%]/g, '')
    .trim();
  // Group separators only between groups of three digits (so `1.5` is never 15 in de-DE).
  const g = /\s/.test(group) ? '[\\s]' : escapeRegExp(group);
  const d = escapeRegExp(decimal);
  const match = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`).exec(t);
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/\D/g, '');
  const value = Number(match[2] === undefined ? whole : `${whole}.${match[2]}`);
  return Number.isFinite(value) ? value : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type DatePart = 'year' | 'month' | 'day';

function dateOrderOf(locale: string): DatePart[] {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  })
    .formatToParts(Date.UTC(2026, 11, 31))
    .map((p) => p.type)
    .filter((t): t is DatePart => t === 'year' || t === 'month' || t === 'day');
}

function parseLocaleDate(text: string, order: readonly DatePart[]): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const numbers = iso ? iso.slice(1) : t.split(/\D+/).filter(Boolean);
  if (numbers.length !== 3) return null;
  const parts: Partial<Record<DatePart, number>> = {};
  (iso ? (['year', 'month', 'day'] as const) : order).forEach((part, i) => {
    parts[part] = Number(numbers[i]);
  });
  let year = parts.year ?? NaN;
  const month = parts.month ?? NaN;
  const day = parts.day ?? NaN;
  if (year < 100) year += 2000;
  if (!(year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}
