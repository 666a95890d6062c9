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

/** English currency names as Dynamics 365 shows them in the Currency lookup. */
const NAMES: Readonly<Record<string, string>> = {
  'us dollar': 'USD',
  euro: 'EUR',
  'british pound': 'GBP',
  'pound sterling': 'GBP',
  'swiss franc': 'CHF',
  'canadian dollar': 'CAD',
  'australian dollar': 'AUD',
  'new zealand dollar': 'NZD',
  'singapore dollar': 'SGD',
  'japanese yen': 'JPY',
  'chinese yuan': 'CNY',
  'indian rupee': 'INR',
  'mexican peso': 'MXN',
  'brazilian real': 'BRL',
  'swedish krona': 'SEK',
  'norwegian krone': 'NOK',
  'danish krone': 'DKK',
  'polish zloty': 'PLN',
  'indonesian rupiah': 'IDR',
};

let isoCodes: ReadonlySet<string> | undefined;

/** True for a current ISO 4217 code (checked against `Intl` where available). */
export function isIsoCurrencyCode(token: string): boolean {
  if (!/^[A-Z]{3}$/.test(token)) return false;
  if (!isoCodes) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    isoCodes = new Set(supported ? supported('currency') : []);
  }
  return isoCodes.size === 0 || isoCodes.has(token);
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
  return NAMES[name] ?? currencyOfToken(text.trim()) ?? null;
}
