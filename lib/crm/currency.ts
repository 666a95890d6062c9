/**
 * Currency tokens as CRMs print them. A symbol maps to an ISO code only when it names one
 * currency: `€` → EUR, `£` → GBP, but `$`, `¥` (JPY or CNY), `kr`, `Fr.`, `Rs` → null.
 */
const SYMBOLS: Readonly<Record<string, string | null>> = {
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
  '₫': 'VND',
  '₱': 'PHP',
  '₴': 'UAH',
  '₦': 'NGN',
  '฿': 'THB',
  zł: 'PLN',
  Kč: 'CZK',
  Ft: 'HUF',
  Rp: 'IDR',
  RM: 'MYR',
  US$: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  C$: 'CAD',
  CA$: 'CAD',
  NZ$: 'NZD',
  HK$: 'HKD',
  S$: 'SGD',
  R$: 'BRL',
  MX$: 'MXN',
  'CN¥': 'CNY',
  'JP¥': 'JPY',
  $: null,
  '¥': null,
  kr: null,
  'kr.': null,
  'Fr.': null,
  Rs: null,
  'Rs.': null,
  '₨': null,
};

let isoCodes: ReadonlySet<string> | undefined;
let codesByName: ReadonlyMap<string, string> | undefined;

/** The current ISO 4217 codes `Intl` knows; empty where it cannot list them. */
function currencyCodes(): ReadonlySet<string> {
  if (!isoCodes) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    isoCodes = new Set(supported ? supported('currency') : []);
  }
  return isoCodes;
}

/** True for a current ISO 4217 code (checked against `Intl` where available). */
export function isIsoCurrencyCode(token: string): boolean {
  if (!/^[A-Z]{3}$/.test(token)) return false;
  const codes = currencyCodes();
  return codes.size === 0 || codes.has(token);
}

/**
 * The code of a currency's English name as Dynamics 365 shows it in the Currency lookup (`US
 * Dollar`, `Euro`, `British Pound`, also `Pound Sterling`), lower-cased: from `Intl`.
 */
function currencyOfName(name: string): string | undefined {
  if (!codesByName) {
    const names = new Intl.DisplayNames('en', { type: 'currency' });
    const byName = new Map([['pound sterling', 'GBP']]);
    for (const code of currencyCodes()) byName.set(names.of(code)?.toLowerCase() ?? code, code);
    codesByName = byName;
  }
  return codesByName.get(name);
}

/**
 * One token next to an amount: an ISO code → that code; a known symbol → its code or null
 * (ambiguous); anything else → undefined (not a currency).
 */
export function currencyOfToken(token: string): string | null | undefined {
  if (isIsoCurrencyCode(token)) return token;
  return Object.prototype.hasOwnProperty.call(SYMBOLS, token) ? SYMBOLS[token] : undefined;
}

/**
 * The ISO code a currency field states: `EUR - Euro`, `Euro (EUR)`, `US Dollar`, `€`.
 * Null when the text names no single currency.
 */
export function currencyFromText(text: string | null | undefined): string | null {
  if (!text) return null;
  for (const match of text.matchAll(/\b[A-Z]{3}\b/g)) {
    if (isIsoCurrencyCode(match[0])) return match[0];
  }
  const name = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return currencyOfName(name) ?? currencyOfToken(text.trim()) ?? null;
}
